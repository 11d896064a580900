// The stand-in's fake LinkedIn front end: a classic script served from /sc/app.js (allowed by the page CSP)
// that plays LinkedIn's 2026 invitation flow on the committed fixture pages. It builds DOM with
// createElement/textContent only (pages may run under Trusted Types) and talks to the stand-in's copy of the
// invitation API. The server replaces the MODE marker below with the stand-in's mode when it serves the file.
(function () {
  'use strict';

  var MODE = /*__STANDIN_MODE__*/ {};

  // LinkedIn's UI texts per display language. Agrees with tests/fixtures/gen-search.mjs and
  // core/src/locale/*.rs; unverified translations are marked there.
  var T = {
    en: {
      invitePre: 'Invite ',
      inviteSuf: ' to connect',
      pending: 'Pending',
      pendingLabel: function (n) {
        return 'Pending, click to withdraw invitation sent to ' + n;
      },
      heading: 'Add a note to your invitation?',
      body: function (n) {
        return (
          'Personalize your invitation to ' +
          n +
          ' by adding a note. LinkedIn members are more likely to accept invitations that include a note.'
        );
      },
      addNote: 'Add a note',
      sendWithout: 'Send without a note',
      dismiss: 'Dismiss',
      sendInvitation: 'Send invitation',
      send: 'Send',
      cancel: 'Cancel',
      limit: 'You\u2019ve reached the weekly invitation limit',
      error: 'Something went wrong. Please try again.',
      upsellTitle: 'Send unlimited personalized invites with Premium',
      upsellBody:
        'You\u2019re out of free custom notes. Bypass the limit with Premium, write longer notes, and make your profile stand out.',
      tryPremium: 'Try Premium for free',
    },
    de: {
      invitePre: '',
      inviteSuf: ' als Kontakt einladen',
      pending: 'Ausstehend',
      pendingLabel: function (n) {
        return 'Ausstehend, klicken Sie, um die an ' + n + ' gesendete Einladung zurückzuziehen';
      },
      heading: 'Eine Nachricht zu Ihrer Einladung hinzufügen?',
      body: function (n) {
        return (
          'Fügen Sie eine Nachricht zu Ihrer Einladung an ' +
          n +
          ' hinzu. LinkedIn Mitglieder nehmen eher Einladungen an, die eine Nachricht enthalten.'
        );
      },
      addNote: 'Nachricht hinzufügen',
      sendWithout: 'Ohne Notiz senden',
      dismiss: 'Verwerfen',
      sendInvitation: 'Einladung senden',
      send: 'Senden',
      cancel: 'Abbrechen',
      limit: 'Sie haben das Limit für Kontaktanfragen erreicht. Bitte versuchen Sie es nächste Woche erneut.',
      error: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
      upsellTitle: 'Mit Premium unbegrenzt personalisierte Einladungen senden',
      upsellBody: 'Sie haben keine kostenlosen personalisierten Nachrichten mehr.',
      tryPremium: 'Premium kostenlos testen',
    },
    fr: {
      invitePre: 'Inviter ',
      inviteSuf: ' à rejoindre votre réseau',
      pending: 'En attente',
      pendingLabel: function (n) {
        return 'En attente, cliquez pour retirer l\u2019invitation envoyée à ' + n;
      },
      heading: 'Ajouter une note à votre invitation\u00a0?',
      body: function (n) {
        return 'Personnalisez votre invitation à ' + n + ' en ajoutant une note.';
      },
      addNote: 'Ajouter une note',
      sendWithout: 'Envoyer sans note',
      dismiss: 'Ignorer',
      sendInvitation: 'Envoyer l\u2019invitation',
      send: 'Envoyer',
      cancel: 'Annuler',
      limit: 'Vous avez atteint la limite hebdomadaire d\u2019invitations',
      error: 'Un problème est survenu. Veuillez réessayer.',
      upsellTitle: 'Envoyez des invitations personnalisées illimitées avec Premium',
      upsellBody: 'Vous n\u2019avez plus de notes personnalisées gratuites.',
      tryPremium: 'Essayer Premium gratuitement',
    },
    es: {
      invitePre: 'Invitar a ',
      inviteSuf: ' a conectar',
      pending: 'Pendiente',
      pendingLabel: function (n) {
        return 'Pendiente, haz clic para retirar la invitación enviada a ' + n;
      },
      heading: '¿Añadir una nota a tu invitación?',
      body: function (n) {
        return 'Personaliza tu invitación a ' + n + ' añadiendo una nota.';
      },
      addNote: 'Añadir una nota',
      sendWithout: 'Enviar sin nota',
      dismiss: 'Descartar',
      sendInvitation: 'Enviar invitación',
      send: 'Enviar',
      cancel: 'Cancelar',
      limit: 'Has alcanzado el límite semanal de invitaciones',
      error: 'Se ha producido un error. Inténtalo de nuevo.',
      upsellTitle: 'Envía invitaciones personalizadas ilimitadas con Premium',
      upsellBody: 'Ya no te quedan notas personalizadas gratuitas.',
      tryPremium: 'Prueba Premium gratis',
    },
    pt: {
      invitePre: 'Convidar ',
      inviteSuf: ' para se conectar',
      pending: 'Pendente',
      pendingLabel: function (n) {
        return 'Pendente, clique para retirar o convite enviado para ' + n;
      },
      heading: 'Adicionar uma nota ao seu convite?',
      body: function (n) {
        return 'Personalize seu convite para ' + n + ' adicionando uma nota.';
      },
      addNote: 'Adicionar nota',
      sendWithout: 'Enviar sem nota',
      dismiss: 'Fechar',
      sendInvitation: 'Enviar convite',
      send: 'Enviar',
      cancel: 'Cancelar',
      limit: 'Você alcançou o limite semanal de convites',
      error: 'Algo deu errado. Tente novamente.',
      upsellTitle: 'Envie convites personalizados ilimitados com o Premium',
      upsellBody: 'Você não tem mais notas personalizadas gratuitas.',
      tryPremium: 'Experimente o Premium grátis',
    },
    // A display language Invite Guard has no table for (issue 12; tests/fixtures/gen-search.mjs): the
    // fixture variants profile-connect.it.html and search.it.html; made up for the tests.
    it: {
      invitePre: 'Invita ',
      inviteSuf: ' a collegarsi',
      pending: 'In sospeso',
      pendingLabel: function (n) {
        return 'In sospeso, fai clic per ritirare l\u2019invito inviato a ' + n;
      },
      heading: 'Aggiungere una nota al tuo invito?',
      body: function (n) {
        return 'Personalizza il tuo invito a ' + n + ' aggiungendo una nota.';
      },
      addNote: 'Aggiungi una nota',
      sendWithout: 'Invia senza nota',
      dismiss: 'Chiudi',
      sendInvitation: 'Invia invito',
      send: 'Invia',
      cancel: 'Annulla',
      limit: 'Hai raggiunto il limite settimanale di inviti',
      error: 'Si è verificato un errore. Riprova.',
      upsellTitle: 'Invia inviti personalizzati illimitati con Premium',
      upsellBody: 'Non hai più note personalizzate gratuite.',
      tryPremium: 'Prova Premium gratis',
    },
  };

  // mode.unknownControls: a redesign of the invite flow whose every label, text and URL is new to
  // the sensor (issue 12, "guard blind"). The Connect controls keep their place in the page.
  var REDESIGN = {
    label: function (n) {
      return 'Grow your circle with ' + n;
    },
    text: 'Grow',
    href: '/growth/circle/?member=',
    pending: 'Awaiting',
    pendingLabel: function (n) {
      return 'Awaiting a reply from ' + n;
    },
    addNote: 'Write a message',
    sendWithout: 'Deliver without a message',
    dismiss: 'Close this window',
    sendInvitation: 'Deliver invitation',
    send: 'Deliver',
    cancel: 'Back',
  };

  // The language of the page's texts: `<html lang>`, unless the stand-in serves the page under another
  // `lang` than its texts' (server.mjs `?htmllang=`), as LinkedIn sometimes does (docs/linkedin.md §10).
  var lang = String(
    document.documentElement.getAttribute('data-standin-texts') || document.documentElement.lang || 'en',
  )
    .split(/[-_]/)[0]
    .toLowerCase();
  var S = T[lang] || T.en;
  if (MODE.unknownControls) {
    S = Object.assign({}, S, {
      pending: REDESIGN.pending,
      pendingLabel: REDESIGN.pendingLabel,
      addNote: REDESIGN.addNote,
      sendWithout: REDESIGN.sendWithout,
      dismiss: REDESIGN.dismiss,
      sendInvitation: REDESIGN.sendInvitation,
      send: REDESIGN.send,
      cancel: REDESIGN.cancel,
    });
  }
  // mode.inviteRenamed: an endpoint the background does not watch (tests/standin/server.mjs).
  var API = MODE.inviteRenamed
    ? '/voyager/api/voyagerInvitationsDashInvitations?action=create'
    : '/voyager/api/voyagerRelationshipsDashMemberRelationships?action=verifyQuotaAndCreateV2' +
      '&decorationId=com.linkedin.voyager.dash.deco.relationships.InvitationCreationResultWithInvitee-2';
  var ALPH = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

  // Same as fakeUrn() in tests/fixtures/gen-search.mjs.
  function fakeUrn(vanity) {
    var out = 'ACoAA';
    var h = 0x811c9dc5;
    for (var i = 0; out.length < 39; i++) {
      var c = vanity.charCodeAt(i % vanity.length) ^ i;
      h = Math.imul(h ^ c, 0x01000193) >>> 0;
      out += ALPH[(h >>> 7) & 63];
    }
    return out;
  }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) if (Object.hasOwn(attrs, k)) e.setAttribute(k, attrs[k]);
    (children || []).forEach(function (c) {
      e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return e;
  }

  function nameFromLabel(label) {
    if (!label) return null;
    label = label.replace(/\s+/g, ' ').trim();
    if (label.indexOf(S.invitePre) !== 0) return null;
    if (label.length <= S.invitePre.length + S.inviteSuf.length) return null;
    if (label.slice(label.length - S.inviteSuf.length) !== S.inviteSuf) return null;
    return label.slice(S.invitePre.length, label.length - S.inviteSuf.length);
  }

  function topCard() {
    return document.querySelector('section[componentkey$="Topcard"]');
  }

  function viewedVanity() {
    var m = location.pathname.match(/^\/in\/([^/]+)/);
    return m ? decodeURIComponent(m[1]) : null;
  }

  function vanityNear(ctl) {
    var given = ctl.getAttribute('data-standin-vanity');
    if (given) return given;
    var href = ctl.getAttribute('href') || '';
    var m = href.match(/[?&]vanityName=([^&#]+)/);
    if (m) return decodeURIComponent(m[1]);
    // A card: the nearest ancestor whose /in/ links all point at one profile.
    for (var node = ctl.parentElement; node && node !== document.body; node = node.parentElement) {
      var links = node.querySelectorAll('a[href*="/in/"]');
      if (!links.length) continue;
      var seen = {};
      var count = 0;
      for (var i = 0; i < links.length; i++) {
        var mm = (links[i].getAttribute('href') || '').match(/\/in\/([^/?#]+)/);
        if (mm && !seen[mm[1]]) {
          seen[mm[1]] = 1;
          count++;
        }
      }
      if (count === 1) return Object.keys(seen)[0];
      if (count > 1) return null;
    }
    return null;
  }

  // mode.unknownControls: every Connect control (its anchor or labelled button) gets a new label,
  // text and URL, and carries the person it invites in data-standin-* attributes.
  function redesign() {
    var controls = document.querySelectorAll(
      'a[href*="/preload/custom-invite/"], a[href*="/preload/search-custom-invite/"], button[aria-label]',
    );
    for (var i = 0; i < controls.length; i++) {
      var c = controls[i];
      var name = nameFromLabel(c.getAttribute('aria-label'));
      var inner = c.localName === 'a' ? c.querySelector('[aria-label]') : null;
      if (!name && inner) name = nameFromLabel(inner.getAttribute('aria-label'));
      if (c.localName === 'button' && !name) continue;
      var vanity = vanityNear(c) || '';
      if (!name) {
        var tc = topCard();
        var h2 = tc && tc.querySelector('h2');
        name = h2 ? h2.textContent.trim() : '';
      }
      c.setAttribute('data-standin-connect', '');
      c.setAttribute('data-standin-name', name);
      c.setAttribute('data-standin-vanity', vanity);
      if (c.localName === 'a') c.setAttribute('href', REDESIGN.href + encodeURIComponent(vanity));
      var labelled = inner || (c.hasAttribute('aria-label') ? c : null);
      if (labelled) labelled.setAttribute('aria-label', REDESIGN.label(name));
      var texts = c.querySelectorAll('span, p');
      for (var j = 0; j < texts.length; j++) if (texts[j].textContent.trim()) texts[j].textContent = REDESIGN.text;
    }
  }
  if (MODE.unknownControls) redesign();

  // Resolves a click target to a Connect control, or null.
  function connectControl(target) {
    if (MODE.unknownControls) {
      var r = target.closest('[data-standin-connect]');
      if (!r) return null;
      var rv = r.getAttribute('data-standin-vanity') || '';
      return {
        el: r,
        name: r.getAttribute('data-standin-name') || '',
        vanity: rv,
        urn: fakeUrn(rv || r.getAttribute('data-standin-name') || 'unknown'),
      };
    }
    var a = target.closest('a[href*="/preload/custom-invite/"], a[href*="/preload/search-custom-invite/"]');
    var ctl = a;
    var name = null;
    if (a) {
      name = nameFromLabel(a.getAttribute('aria-label'));
      if (!name) {
        var inner = a.querySelector('[aria-label]');
        if (inner) name = nameFromLabel(inner.getAttribute('aria-label'));
      }
    } else {
      var b = target.closest('button[aria-label], [role="button"][aria-label]');
      if (!b) return null;
      name = nameFromLabel(b.getAttribute('aria-label'));
      if (!name) return null;
      ctl = b;
    }
    var vanity = vanityNear(ctl);
    var tc = topCard();
    if (!name && tc) {
      var h2 = tc.querySelector('h2');
      if (h2) name = h2.textContent.trim();
    }
    var urn = null;
    if (vanity && vanity === viewedVanity() && tc) {
      var key = tc.getAttribute('componentkey') || '';
      var km = key.match(/^com\.linkedin\.sdui\.profile\.card\.ref(.+)Topcard$/);
      if (km) urn = km[1];
    }
    if (!urn) urn = fakeUrn(vanity || name || 'unknown');
    return { el: ctl, name: name || '', vanity: vanity || '', urn: urn };
  }

  var dialog = null;

  function closeDialog() {
    if (!dialog) return;
    try {
      dialog.close();
    } catch {
      /* already closed */
    }
    if (dialog.parentNode) dialog.parentNode.removeChild(dialog);
    dialog = null;
  }

  function button(label, text, extra) {
    var attrs = { type: 'button', 'aria-label': label, class: '_9fa9fc2f d29d7514' };
    if (extra) for (var k in extra) attrs[k] = extra[k];
    return el('button', attrs, [el('span', null, [text])]);
  }

  function openDialog(ctx) {
    closeDialog();
    var heading = el('h2', { id: 'send-invite-modal' }, [S.heading]);
    var dismiss = button(S.dismiss, '\u00d7');
    var body = el('div', { class: 'e6f4e117' });
    dialog = el('dialog', { 'aria-labelledby': 'send-invite-modal', 'data-testid': 'dialog', class: 'a9b3c2d1' }, [
      el('div', { class: '_0a8a0f5b' }, [heading, dismiss]),
      body,
    ]);
    dismiss.addEventListener('click', closeDialog);
    dialog.addEventListener('close', function () {
      if (dialog && !dialog.open) closeDialog();
    });

    var addNote = button(S.addNote, S.addNote);
    var without = button(S.sendWithout, S.sendWithout);
    body.appendChild(el('p', null, [S.body(ctx.name)]));
    body.appendChild(el('div', { class: '_25da7a04' }, [addNote, without]));
    without.addEventListener('click', function () {
      send(ctx, null);
    });
    addNote.addEventListener('click', function () {
      while (body.firstChild) body.removeChild(body.firstChild);
      if (MODE.noteQuotaExhausted) {
        body.appendChild(el('h3', null, [S.upsellTitle]));
        body.appendChild(el('p', null, [S.upsellBody]));
        body.appendChild(
          el('a', { href: '/premium/products/?upsellOrderOrigin=premium_custom_invite_upsell' }, [S.tryPremium]),
        );
        return;
      }
      if (MODE.noteInIframe) {
        // LinkedIn's 2026 note editor renders in the /preload/ iframe (docs/linkedin.md §3): the
        // same
        // origin lets this page build it there, where the top document's scripts cannot see it.
        var frame = el('iframe', {
          src: '/preload/',
          'data-testid': 'interop-iframe',
          title: '',
          style: 'width:100%;height:260px;border:0',
        });
        frame.addEventListener('load', function () {
          var d = frame.contentDocument;
          var box = d.createElement('div');
          box.setAttribute('role', 'dialog');
          d.body.appendChild(box);
          noteEditor(ctx, box, d);
        });
        body.appendChild(frame);
        return;
      }
      noteEditor(ctx, body, document);
    });
    document.body.appendChild(dialog);
    dialog.showModal();
  }

  // The note field and its buttons, in `box` of document `d` (the page's, or the /preload/ frame's).
  function noteEditor(ctx, box, d) {
    var max = String(MODE.noteMaxLength || 200);
    var mk = function (tag, attrs, kids) {
      var e = d.createElement(tag);
      for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
      (kids || []).forEach(function (c) {
        e.appendChild(typeof c === 'string' ? d.createTextNode(c) : c);
      });
      return e;
    };
    var area = mk('textarea', { name: 'message', id: 'custom-message', maxlength: max, rows: '5' });
    var counter = mk('p', { 'aria-live': 'polite' }, ['0/' + max]);
    var btn = function (label, text, extra) {
      var attrs = { type: 'button', 'aria-label': label, class: '_9fa9fc2f d29d7514' };
      for (var k in extra || {}) attrs[k] = extra[k];
      return mk('button', attrs, [mk('span', null, [text])]);
    };
    var cancel = btn(S.cancel, S.cancel);
    var sendBtn = btn(S.sendInvitation, S.send, { disabled: '' });
    area.addEventListener('input', function () {
      counter.textContent = area.value.length + '/' + max;
      if (area.value.trim()) sendBtn.removeAttribute('disabled');
      else sendBtn.setAttribute('disabled', '');
    });
    cancel.addEventListener('click', closeDialog);
    sendBtn.addEventListener('click', function () {
      send(ctx, area.value);
    });
    box.appendChild(area);
    box.appendChild(counter);
    box.appendChild(mk('div', { class: '_25da7a04' }, [cancel, sendBtn]));
    area.focus();
  }

  function showAlert(text) {
    var old = document.querySelectorAll('div[role="alert"][data-standin-alert]');
    for (var i = 0; i < old.length; i++) old[i].parentNode.removeChild(old[i]);
    document.body.appendChild(
      el('div', { role: 'alert', class: 'ip-fuse-limit-alert__warning', 'data-standin-alert': '' }, [text]),
    );
  }

  function pendingAnchor(ctx) {
    return el(
      'a',
      {
        href: 'https://www.linkedin.com/in/' + ctx.vanity + '/',
        'aria-label': S.pendingLabel(ctx.name),
        class: '_8e911b9f d037b814',
      },
      [S.pending],
    );
  }

  // Replaces the Connect controls for this person (the clicked one, and for the viewed profile also the
  // top-card/toolbar/menu copies) with Pending anchors.
  function markPending(ctx) {
    var targets = [ctx.el];
    if (ctx.vanity && ctx.vanity === viewedVanity()) {
      var more = document.querySelectorAll('a[href*="/preload/custom-invite/?vanityName=' + ctx.vanity + '"]');
      for (var i = 0; i < more.length; i++) if (targets.indexOf(more[i]) < 0) targets.push(more[i]);
    }
    targets.forEach(function (t) {
      if (t.parentNode) t.parentNode.replaceChild(pendingAnchor(ctx), t);
    });
  }

  function send(ctx, note) {
    var payload = { invitee: { inviteeUnion: { memberProfile: 'urn:li:fsd_profile:' + ctx.urn } } };
    if (note && note.trim()) payload.customMessage = note;
    var done = function (status) {
      closeDialog();
      if (status >= 200 && status < 300) {
        setTimeout(function () {
          markPending(ctx);
        }, 150);
      } else if (status === 429) {
        showAlert(S.limit);
      } else {
        showAlert(S.error);
      }
    };
    fetch(API, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'content-type': 'application/json; charset=UTF-8',
        'csrf-token': 'ajax:0000000000000000000',
        'x-restli-protocol-version': '2.0.0',
      },
      body: JSON.stringify(payload),
    }).then(
      function (r) {
        done(r.status);
      },
      function () {
        done(0);
      },
    );
  }

  function isSearchPage() {
    return location.pathname.indexOf('/search/') === 0 || location.pathname === '/__search1000';
  }

  // LinkedIn's handlers run in the bubble phase: a guard that stops propagation earlier wins.
  document.addEventListener('click', function (ev) {
    var t = ev.target;
    if (!t || !t.closest) return;
    if (dialog && dialog.contains(t)) return;
    var ctx = connectControl(t);
    if (!ctx) return;
    ev.preventDefault();
    if (MODE.oneClick && isSearchPage()) send(ctx, null);
    else openDialog(ctx);
  });
})();
