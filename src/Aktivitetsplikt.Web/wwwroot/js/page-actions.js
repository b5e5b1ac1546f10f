// The few actions that need a line of script (reconnect, reload, print, forgetting drafts on sign-out) are
// attached here by data attributes, never as inline handlers: the Content-Security-Policy allows the app's own
// script files only (docs/security.md, "Headers"). Listening on the document keeps working across Blazor's
// enhanced navigation, which replaces the page's elements.
document.addEventListener('click', event => {
    const button = event.target instanceof Element ? event.target.closest('[data-action]') : null;
    if (!button) return;
    switch (button.dataset.action) {
        case 'reconnect':
            Blazor.reconnect();
            break;
        case 'reload':
            location.reload();
            break;
        case 'print':
            window.print();
            break;
    }
});

document.addEventListener('submit', event => {
    if (event.target instanceof HTMLFormElement && event.target.hasAttribute('data-forget-drafts')) {
        try {
            sessionStorage.clear();
        } catch {
            // Storage disabled: there is no draft to forget.
        }
    }
});
