// The inbox's 保存筛选 form sends the filter on screen: htmx changes the list in place when a filter changes, so the
// values drawn into the save form may be older than the filter form's. They are copied in as the form is sent.
document.addEventListener('submit', function (event) {
  var save = event.target;
  if (!(save instanceof HTMLFormElement) || !save.hasAttribute('data-filters-from')) {
    return;
  }

  var filters = document.getElementById(save.getAttribute('data-filters-from'));
  if (!(filters instanceof HTMLFormElement)) {
    return;
  }

  save.querySelectorAll('input[type="hidden"]').forEach(function (input) {
    var source = filters.elements.namedItem(input.name);
    if (source && 'value' in source) {
      input.value = source.value;
    }
  });
});
