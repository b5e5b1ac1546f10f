// The concern form (/meld) as the browser sees it. The browser keeps saving it to this tab's sessionStorage while
// the person types, also while the connection to the server is down, so a reload after a failed reconnect gives
// the text back; on submit the server takes the fields from here, so what is sent is what is on the screen.
// sessionStorage lives as long as the tab; the draft is removed when the concern has been sent.

/** The form's fields by name without the "Form." prefix; checkboxes as true/false. */
export function read(form) {
    const values = {};
    for (const field of form.querySelectorAll('[name^="Form."]')) {
        values[field.name.substring(5)] = field.type === 'checkbox' ? field.checked : field.value;
    }
    return values;
}

/** Saves the form on every keystroke and change; returns the draft this tab saved before, if any. */
export function track(form, key) {
    const save = () => {
        try {
            sessionStorage.setItem(key, JSON.stringify(read(form)));
        } catch {
            // Storage full or disabled: the form still works, only without a draft.
        }
    };
    form.addEventListener('input', save);
    form.addEventListener('change', save);
    try {
        const saved = sessionStorage.getItem(key);
        return saved ? JSON.parse(saved) : null;
    } catch {
        return null;
    }
}

export function clear(key) {
    try {
        sessionStorage.removeItem(key);
    } catch {
        // Nothing to remove.
    }
}

export function focus(id) {
    document.getElementById(id)?.focus();
}
