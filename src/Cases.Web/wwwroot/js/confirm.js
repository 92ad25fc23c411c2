// The task page's confirmation of a completion that cannot be undone (a window that closes at once, money paid out):
// the focus moves to the box so it is read first; 返回修改 takes the box away — and the confirmation with it, so the
// next submission asks again — and goes back to the form's first field with what was typed. No inline script (CSP).
(function () {
  var box = document.querySelector('[data-confirm-box]');
  if (!box) {
    return;
  }

  box.focus();
  box.querySelector('[data-confirm-back]').addEventListener('click', function () {
    var form = box.closest('form');
    box.remove();
    var first = form && form.querySelector('input:not([type=hidden]), select, textarea');
    if (first) {
      first.focus();
    }
  });
})();
