// The calculator page's 打印 button (no inline script under the Content-Security-Policy).
document.addEventListener('click', function (event) {
  var target = event.target;
  if (target instanceof Element && target.closest('[data-print]')) {
    window.print();
  }
});
