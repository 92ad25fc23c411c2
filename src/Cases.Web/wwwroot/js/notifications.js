// The navigation's badges: new tasks in my inbox and unacknowledged escalations (GET /api/notifications).
// "New" is counted from the server time of the last visit to the inbox or a task (kept per browser in localStorage),
// so the server's clock, never the browser's, decides what is new. Polls every 60 s and when the tab comes back.
(function () {
  'use strict';
  var nav = document.querySelector('[data-notifications]');
  if (!nav) {
    return;
  }

  var key = 'cases.inboxSeenAt.' + (nav.getAttribute('data-user') || '');
  var onInbox = /^\/(inbox|tasks)(\/|$)/.test(window.location.pathname);
  var timer = null;

  function show(name, count, label) {
    var badge = nav.querySelector('[data-badge="' + name + '"]');
    if (!badge) {
      return;
    }

    var text = count > 99 ? '99+' : String(count);
    badge.hidden = count === 0;
    badge.querySelector('[data-count]').textContent = text;
    badge.querySelector('[data-label]').textContent = count === 0 ? '' : label.replace('{0}', text);
  }

  function poll() {
    var since = onInbox ? null : window.localStorage.getItem(key);
    var url = '/api/notifications' + (since ? '?since=' + encodeURIComponent(since) : '');
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (response.status === 401 || response.status === 403) {
          // Signed out (or the cookie expired): stop asking.
          window.clearInterval(timer);
          return null;
        }

        return response.ok ? response.json() : null;
      })
      .then(function (counts) {
        if (!counts) {
          return;
        }

        if (onInbox) {
          // Looking at the inbox is seeing what is in it: from now on only later arrivals count as new.
          window.localStorage.setItem(key, counts.now);
          show('inbox', 0, '');
        } else {
          show('inbox', counts.newAvailable + counts.newAssigned, nav.getAttribute('data-inbox-label'));
        }

        show('escalations', counts.escalations, nav.getAttribute('data-escalations-label'));
      })
      .catch(function () { /* offline or the server is restarting: the next poll tries again */ });
  }

  poll();
  timer = window.setInterval(poll, 60000);
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible') {
      poll();
    }
  });
})();
