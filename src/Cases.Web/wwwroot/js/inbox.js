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
