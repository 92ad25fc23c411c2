// The inbox's 全选本页 checkbox: checks or clears every row checkbox of the same name (no inline script under the CSP).
// Delegated from the document, so it keeps working after htmx swaps the results in.
document.addEventListener('change', function (event) {
  var box = event.target;
  if (!(box instanceof HTMLInputElement) || !box.hasAttribute('data-select-all')) {
    return;
  }

  var form = box.form;
  var name = box.getAttribute('data-select-all');
  if (!form) {
    return;
  }

  form.querySelectorAll('input[type="checkbox"][name="' + name + '"]').forEach(function (row) {
    row.checked = box.checked;
  });
});

// A row claimed in place (htmx swaps its actions cell): the keyboard stays on that row, at its 办理 link (or at the
// sentence saying why it was not claimed), instead of falling back to the top of the page.
document.addEventListener('htmx:afterSwap', function (event) {
  var target = event.detail && event.detail.target;
  if (!(target instanceof HTMLElement)) {
    return;
  }

  var focus = target.querySelector('[data-focus-after-swap]');
  if (focus instanceof HTMLElement) {
    focus.focus();
  }
});
