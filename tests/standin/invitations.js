// The stand-in's invitation-manager pages (issue 4), served from /sc/invitations.js beside app.js on the
// Sent, Received and Connections fixtures (tests/fixtures/make-invitation-pages.mjs). It plays what
// LinkedIn does there and the extension must only watch (docs/linkedin.md §7–§9, §11):
//   - lazy loading: when the member scrolls to the bottom, the `template[data-standin-batch="scroll"]`
//     cards are appended after a short "loader"; then a "Show more" button appears, and its click
//     appends the `template[data-standin-batch="button"]` cards;
//   - Withdraw on the Sent page: LinkedIn's confirm dialog ("Withdraw invitation?", a confirm button
//     labelled "Withdrawn invitation sent to <Name>"), then the card leaves and the total drops by one;
//   - Accept / Ignore on the Received page: the card becomes "<Name> is now a connection" / leaves.
// DOM is built with createElement/textContent and cloned from inert templates only (pages may run under
// Trusted Types). A classic script: LinkedIn's CSP allows /sc/ scripts and nothing inline.
(function () {
  'use strict';

  var lang = String(document.documentElement.lang || 'en')
    .split(/[-_]/)[0]
    .toLowerCase();
  var T = {
    en: {
      withdrawPre: 'Withdraw invitation sent to ',
      confirmPre: 'Withdrawn invitation sent to ',
      heading: 'Withdraw invitation?',
      withdraw: 'Withdraw',
      cancel: 'Cancel',
      body: function (n) {
        return 'If you withdraw now, you won\u2019t be able to resend to ' + n + ' for up to 3 weeks.';
      },
      total: /^(.*\()([\d.,\u00a0 ]+)(\))$/,
      acceptPre: 'Accept ',
      acceptSuf: '\u2019s invitation',
      ignorePre: 'Ignore an invitation to connect from ',
      nowConnected: function (n) {
        return n + ' is now a connection';
      },
    },
    de: {
      // Unverified German wording (no German capture of this page exists).
      withdrawPre: 'Einladung an ',
      withdrawSuf: ' zurückziehen',
      confirmPre: 'Zurückgezogene Einladung an ',
      heading: 'Einladung zurückziehen?',
      withdraw: 'Zurückziehen',
      cancel: 'Abbrechen',
      body: function (n) {
        return (
          'Wenn Sie die Einladung jetzt zurückziehen, können Sie ' + n + ' bis zu 3 Wochen lang nicht erneut einladen.'
        );
      },
      total: /^(.*\()([\d.,\u00a0 ]+)(\))$/,
    },
  };
  var S = T[lang] || T.en;

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) if (Object.hasOwn(attrs, k)) e.setAttribute(k, attrs[k]);
    (children || []).forEach(function (c) {
      e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return e;
  }

  // --- lazy loading --------------------------------------------------------------------------------------
  var list = document.querySelector('[data-testid="lazy-column"]');
  var loader = document.querySelector('[data-testid="loader"]');
  var more = document.querySelector('[data-standin-show-more]');
  var loading = false;

  function append(batch) {
    var tpl = document.querySelector('template[data-standin-batch="' + batch + '"]');
    if (!tpl || !list) return false;
    list.appendChild(document.importNode(tpl.content, true));
    tpl.parentNode.removeChild(tpl);
    return true;
  }

  function nearBottom() {
    var doc = document.documentElement;
    return window.innerHeight + window.scrollY >= doc.scrollHeight - 200;
  }

  function onScroll() {
    if (loading || !nearBottom() || !document.querySelector('template[data-standin-batch="scroll"]')) return;
    loading = true;
    if (loader) loader.hidden = false;
    // LinkedIn fetches the next page first; a short wait keeps the stand-in as asynchronous.
    setTimeout(function () {
      append('scroll');
      if (loader) loader.hidden = true;
      if (more && document.querySelector('template[data-standin-batch="button"]')) more.hidden = false;
      loading = false;
    }, 250);
  }
  window.addEventListener('scroll', onScroll, { passive: true });

  if (more) {
    more.addEventListener('click', function () {
      append('button');
      more.hidden = true;
    });
  }

  // --- Withdraw (Sent page) ------------------------------------------------------------------------------
  function nameFromWithdraw(label) {
    if (!label || label.indexOf(S.withdrawPre) !== 0) return null;
    var rest = label.slice(S.withdrawPre.length);
    if (S.withdrawSuf) {
      if (rest.slice(rest.length - S.withdrawSuf.length) !== S.withdrawSuf) return null;
      rest = rest.slice(0, rest.length - S.withdrawSuf.length);
    }
    return rest || null;
  }

  function dropTotal() {
    var span = document.querySelector('[data-standin-total] span');
    if (!span) return;
    var m = span.textContent.match(S.total);
    if (!m) return;
    var n = parseInt(m[2].replace(/[^\d]/g, ''), 10);
    if (n > 0) span.textContent = m[1] + String(n - 1) + m[3];
  }

  var dialog = null;
  function closeDialog() {
    if (!dialog) return;
    try {
      dialog.close();
    } catch {
      /* closed */
    }
    if (dialog.parentNode) dialog.parentNode.removeChild(dialog);
    dialog = null;
  }

  function confirmWithdraw(card, name) {
    closeDialog();
    var cancel = el('button', { type: 'button', class: '_9fa9fc2f' }, [el('span', null, [S.cancel])]);
    var ok = el('button', { type: 'button', class: '_9fa9fc2f d29d7514', 'aria-label': S.confirmPre + name }, [
      el('span', null, [S.withdraw]),
    ]);
    dialog = el('dialog', { 'aria-labelledby': 'withdraw-modal', 'data-testid': 'dialog' }, [
      el('h2', { id: 'withdraw-modal' }, [S.heading]),
      el('p', null, [S.body(name)]),
      el('div', { class: '_25da7a04' }, [cancel, ok]),
    ]);
    cancel.addEventListener('click', closeDialog);
    ok.addEventListener('click', function () {
      closeDialog();
      if (card.parentNode) card.parentNode.removeChild(card);
      dropTotal();
    });
    document.body.appendChild(dialog);
    dialog.showModal();
  }

  // --- Accept / Ignore (Received page) -------------------------------------------------------------------
  function received(target) {
    if (!S.acceptPre) return false;
    var b = target.closest('button[aria-label]');
    if (!b) return false;
    var label = b.getAttribute('aria-label');
    var card = b.closest('[role="listitem"]');
    if (!card) return false;
    if (label.indexOf(S.acceptPre) === 0 && label.slice(label.length - S.acceptSuf.length) === S.acceptSuf) {
      var name = label.slice(S.acceptPre.length, label.length - S.acceptSuf.length);
      while (card.firstChild) card.removeChild(card.firstChild);
      card.appendChild(el('p', null, [S.nowConnected(name)]));
      return true;
    }
    if (label.indexOf(S.ignorePre) === 0) {
      card.parentNode.removeChild(card);
      return true;
    }
    return false;
  }

  // LinkedIn's handlers run in the bubble phase, like app.js's.
  document.addEventListener('click', function (ev) {
    var t = ev.target;
    if (!t || !t.closest) return;
    if (dialog && dialog.contains(t)) return;
    var b = t.closest('button[aria-label]');
    var name = b && nameFromWithdraw(b.getAttribute('aria-label'));
    if (name) {
      ev.preventDefault();
      confirmWithdraw(b.closest('[role="listitem"]'), name);
      return;
    }
    if (received(t)) ev.preventDefault();
  });
})();
