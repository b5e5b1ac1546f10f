using Microsoft.Playwright;

namespace Aktivitetsplikt.EndToEnd.Tests;

/// <summary>
/// The concern form and the plan editor with the keyboard only (Tab, typing, Enter, Space): every field and button is
/// reached in reading order, and whatever has the focus shows it (an outline or a ring), on Designsystemet's components
/// and the app's own.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class KeyboardTests(AppServer app)
{
    /// <summary>Tabs from the top of the page until the element is focused (or gives up), checking every stop shows its focus.</summary>
    private static async Task<List<string>> TabToAsync(IPage page, string selector, int maxStops = 60)
    {
        var stops = new List<string>();
        for (var i = 0; i < maxStops; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var stop = await page.EvaluateAsync<System.Text.Json.JsonElement>("""
                () => {
                  const e = document.activeElement;
                  const shows = el => {
                    const s = getComputedStyle(el);
                    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none');
                  };
                  // Designsystemet rings a checkbox's or radio's whole field (label included), not the small box itself.
                  const field = e.matches('input[type=checkbox], input[type=radio]') ? e.closest('.ds-field') : null;
                  const s = getComputedStyle(e);
                  return { id: e.id || e.getAttribute('data-testid') || e.tagName + ':' + (e.textContent || '').trim().slice(0, 30),
                           visible: shows(e) || (field !== null && shows(field)),
                           dbg: `type=${e.type} outline=${s.outlineStyle}/${s.outlineWidth} shadow=${s.boxShadow} field=${field ? getComputedStyle(field).outlineStyle : 'none'}` };
                }
                """);
            var id = stop.GetProperty("id").GetString()!;
            var visible = stop.GetProperty("visible").GetBoolean();
            stops.Add(id);
            visible.Should().BeTrue($"the focus on '{id}' must be visible ({stop.GetProperty("dbg").GetString()})");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector)) return stops;
        }
        throw new InvalidOperationException($"Tab never reached {selector}; stops: {string.Join(" → ", stops)}");
    }

    [Fact]
    public async Task TheConcernForm_CanBeFilledAndSentWithTheKeyboardOnly_WithTheFocusAlwaysVisible()
    {
        var page = await app.NewPageAsync("kari.laerer");
        await page.GotoAsync("/meld");
        await page.WaitForSelectorAsync("form[data-interactive=true]");
        await page.Locator("main").FocusAsync();

        var stops = await TabToAsync(page, "#pupil-search");
        await page.Keyboard.TypeAsync("sofie");
        await Assertions.Expect(page.Locator("[data-testid=pupil-count]")).ToHaveTextAsync("Én elev passer søket.");
        stops.AddRange(await TabToAsync(page, "#f-WhatHappened"));
        await page.Keyboard.TypeAsync("Sofie ble dyttet i garderoben.");
        stops.AddRange(await TabToAsync(page, "form[data-interactive=true] button[type=submit]"));

        stops.Should().Contain("f-PupilId", "the pupil is chosen in reading order, before what happened");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("[data-testid=error-summary]").WaitForAsync();
        (await page.EvaluateAsync<string>("() => document.activeElement.id")).Should().Be("error-summary", "the summary of what is missing takes the focus");
        (await page.InputValueAsync("#f-WhatHappened")).Should().Be("Sofie ble dyttet i garderoben.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ThePlanEditor_CanAddAMeasureWithTheKeyboardOnly_WithTheFocusAlwaysVisible()
    {
        var page = await app.NewPageAsync("randi.rektor");
        await page.GotoAsync("/saker");
        var href = await page.Locator("tr", new PageLocatorOptions { HasText = "Jakob Larsen" }).Locator("a[href^='/saker/']").First.GetAttributeAsync("href");
        await page.GotoAsync(href + "/plan/ny");
        await page.Locator("[data-testid=plan-submit]:not([disabled])").WaitForAsync();
        await page.Locator("main").FocusAsync();

        await TabToAsync(page, "#plan-Problem");
        await TabToAsync(page, "[data-testid=add-measure]", maxStops: 80);
        var rows = await page.Locator("[data-testid=measure-row]").CountAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=measure-row]")).ToHaveCountAsync(rows + 1);
        // The new row takes the focus (the circuit moves it after rendering the row, so wait for it).
        await Assertions.Expect(page.Locator($"#plan-Measures-{rows}-Description")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Fast voksen i garderoben");
        await TabToAsync(page, "[data-testid=plan-submit]", maxStops: 80);
        await page.Context.CloseAsync();
    }
}
