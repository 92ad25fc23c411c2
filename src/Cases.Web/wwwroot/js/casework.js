// The case page's upload form: a file over the size limit is refused in the browser before it is sent (the server
// refuses it too). No inline script under the Content-Security-Policy.
document.addEventListener('change', function (event) {
  var input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== 'file' || !input.hasAttribute('data-max-bytes')) {
    return;
  }

  var max = Number(input.getAttribute('data-max-bytes'));
  var file = input.files && input.files[0];
  input.setCustomValidity(file && file.size > max ? input.getAttribute('data-too-large') || '' : '');
  input.reportValidity();
});

// A confirmation shown after a post (a comment cannot be edited once added) takes the focus, so a keyboard or screen
// reader user is at the question, not at the top of the page.
(function () {
  var ask = document.querySelector('[data-autofocus]');
  if (ask) {
    ask.scrollIntoView({ block: 'center' });
    ask.focus();
  }
})();
