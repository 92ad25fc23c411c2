// The definition editor: line numbers beside the textarea, and the validator's messages (path, rule, message) as you
// type, from POST /api/definitions/validate — debounced, the older answer dropped when a newer one is on its way.
// No inline script under the CSP; without script the form still posts and the server validates before publishing.
(function () {
  'use strict';
  var text = document.querySelector('textarea[data-validate-url]');
  if (!text) {
    return;
  }

  var gutter = document.getElementById(text.getAttribute('data-gutter'));
  var box = document.getElementById(text.getAttribute('data-messages'));
  var sensitiveBox = document.getElementById(text.getAttribute('data-sensitive'));
  var timer = null;
  var pending = null;

  function renumber() {
    var count = text.value.split('\n').length;
    if (gutter.getAttribute('data-lines') === String(count)) {
      return;
    }

    var numbers = [];
    for (var i = 1; i <= count; i++) {
      numbers.push(i);
    }

    gutter.textContent = numbers.join('\n');
    gutter.setAttribute('data-lines', String(count));
    gutter.scrollTop = text.scrollTop;
  }

  // The character offset of a JSON path such as $.states.review.deadline.basis: each name looked up after the last.
  function offsetOf(path) {
    var at = 0;
    var names = path.replace(/^\$\.?/, '').split(/\.|\[\d+\]/).filter(function (n) { return n.length > 0; });
    for (var i = 0; i < names.length; i++) {
      var found = text.value.indexOf('"' + names[i] + '"', at);
      if (found < 0) {
        break;
      }

      at = found;
    }

    return at;
  }

  function jump(path) {
    var at = offsetOf(path);
    text.focus();
    text.setSelectionRange(at, at);
    var line = text.value.slice(0, at).split('\n').length;
    var height = text.scrollHeight / Math.max(1, text.value.split('\n').length);
    text.scrollTop = Math.max(0, (line - 3) * height);
  }

  function show(errors) {
    box.textContent = '';
    var head = document.createElement('p');
    head.className = 'mb-1 fw-semibold ' + (errors.length === 0 ? 'text-success' : 'text-danger');
    head.textContent = errors.length === 0 ? box.getAttribute('data-ok') : box.getAttribute('data-count').replace('{0}', String(errors.length));
    box.appendChild(head);
    text.setAttribute('aria-invalid', errors.length === 0 ? 'false' : 'true');
    if (errors.length === 0) {
      return;
    }

    var list = document.createElement('ul');
    list.className = 'list-unstyled validation-list';
    errors.forEach(function (e) {
      var item = document.createElement('li');
      item.className = 'validation-error';
      item.setAttribute('data-testid', 'validation-error');
      item.setAttribute('data-path', e.path);
      var code = document.createElement('code');
      code.textContent = e.path;
      var rule = document.createElement('span');
      rule.className = 'badge text-bg-danger';
      rule.textContent = e.rule;
      var go = document.createElement('button');
      go.type = 'button';
      go.className = 'btn btn-link btn-sm p-0 ms-1';
      go.textContent = box.getAttribute('data-jump');
      go.addEventListener('click', function () { jump(e.path); });
      item.append(code, ' ', rule, ' ', e.message, ' ', go);
      list.appendChild(item);
    });
    box.appendChild(list);
  }

  // Sensitive changes (separation of duties, who approves a payment) against the version edited from: publishing them
  // waits for a provincial supervisor. Each in the page's language, with its path.
  function showSensitive(changes) {
    if (!sensitiveBox) {
      return;
    }

    sensitiveBox.textContent = '';
    if (changes.length === 0) {
      return;
    }

    var head = document.createElement('p');
    head.className = 'mb-1 fw-semibold text-warning-emphasis';
    head.textContent = sensitiveBox.getAttribute('data-count').replace('{0}', String(changes.length));
    sensitiveBox.appendChild(head);
    var english = sensitiveBox.getAttribute('data-english') === 'true';
    var list = document.createElement('ul');
    list.className = 'list-unstyled';
    changes.forEach(function (c) {
      var item = document.createElement('li');
      item.setAttribute('data-testid', 'sensitive-change');
      item.setAttribute('data-kind', c.kind.charAt(0).toUpperCase() + c.kind.slice(1));
      item.setAttribute('data-state', c.state);
      var kind = document.createElement('span');
      kind.className = 'badge text-bg-warning';
      kind.textContent = sensitiveBox.getAttribute('data-kind-' + c.kind.toLowerCase()) || c.kind;
      var code = document.createElement('code');
      code.textContent = c.path;
      item.append(kind, ' ', code, ' ', english ? c.message : c.messageZh);
      list.appendChild(item);
    });
    sensitiveBox.appendChild(list);
  }

  function validate() {
    if (pending) {
      pending.abort();
    }

    pending = new AbortController();
    box.setAttribute('aria-busy', 'true');
    fetch(text.getAttribute('data-validate-url'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: text.value,
      credentials: 'same-origin',
      signal: pending.signal
    }).then(function (response) {
      if (!response.ok) {
        throw new Error(String(response.status));
      }

      return response.json();
    }).then(function (answer) {
      box.removeAttribute('aria-busy');
      show(answer.errors || []);
      showSensitive(answer.sensitiveChanges || []);
    }).catch(function (error) {
      if (error && error.name === 'AbortError') {
        return;
      }

      box.removeAttribute('aria-busy');
      box.textContent = box.getAttribute('data-failed');
    });
  }

  text.addEventListener('input', function () {
    renumber();
    clearTimeout(timer);
    timer = setTimeout(validate, 400);
  });
  text.addEventListener('scroll', function () { gutter.scrollTop = text.scrollTop; });
  box.addEventListener('click', function (event) {
    var item = event.target instanceof Element ? event.target.closest('[data-path]') : null;
    if (item && event.target.tagName === 'CODE') {
      jump(item.getAttribute('data-path'));
    }
  });
  renumber();
})();
