/* Presenter mode: keys, clicker and toolbar -> slide position (a Dash store); position -> slide parts, clientside. */
(function () {
  'use strict';
  var STAGE_W = 1920, STAGE_H = 1080;
  var state = null;      // the deck on screen: n, slide, lang, blank, mode, channel, href (from data-present)
  var channel = null;    // BroadcastChannel shared by the slide show and the speaker view of one deck
  var digits = '';       // slide number being typed (digits, then Enter)
  var dc = window.dash_clientside = window.dash_clientside || {};

  function fmt(text, values) {
    return String(text).replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }

  function root() { return document.getElementById('present-root'); }

  /* The deck's state, (re)read from the page when a new deck page has been rendered. */
  function current() {
    var el = root();
    if (!el) { return null; }
    if (!state || state.el !== el) {
      state = Object.assign({el: el, blank: false}, JSON.parse(el.getAttribute('data-present')));
      state.shown = shownKey({slide: state.slide, lang: state.lang, blank: false});
      openChannel();
      if (state.mode !== 'print') {
        loadMaps(state.topojson || {}).catch(function () {});   // the first map draws from it (else asks itself)
        askForRest(state);
      }
    }
    return state;
  }

  /* Base maps into plotly's own cache (each fetched once): a map then draws without asking for it, offline too. */
  var mapLoads = {};
  function loadMaps(maps) {
    var assets = window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};
    assets.topojson = assets.topojson || {};
    return Promise.all(Object.keys(maps).map(function (name) {
      if (assets.topojson[name]) { return Promise.resolve(); }
      mapLoads[name] = mapLoads[name] || fetch(maps[name]).then(function (response) {
        if (!response.ok) { throw new Error('base map ' + maps[name] + ': HTTP ' + response.status); }
        return response.json();
      }).then(function (topojson) { assets.topojson[name] = topojson; }, function (error) {
        delete mapLoads[name];
        throw error;
      });
      return mapLoads[name];
    }));
  }

  /* The page comes with the slides on screen only; the rest of the deck (every slide in both languages, about
     1 MB of JSON) is asked for once the first chart is drawn, so it never holds that chart up. Asked again,
     less and less often, until it has come (a request lost to a flaky network). */
  var REST_FALLBACK_MS = 3000, REST_RETRY_MS = [5000, 10000, 20000, 40000, 60000];
  function askForRest(s) {
    var attempt = 0;
    function ask() {
      if (state !== s || s.complete) { return; }
      attempt += 1;
      window.dash_clientside.set_props('present-rest', {data: {deck: s.deck, attempt: attempt}});
      window.setTimeout(ask, REST_RETRY_MS[Math.min(attempt, REST_RETRY_MS.length) - 1]);
    }
    s.askRest = function () {
      if (s.asked) { return; }
      s.asked = true;
      window.setTimeout(ask, 0);
    };
    window.setTimeout(s.askRest, REST_FALLBACK_MS);   // a slide whose chart draws no trace (no data)
  }

  /* The rest has come: every slide is in the page; then the base maps of all its map slides. data-prefetched
     ="true" once nothing more is needed from the server. */
  function received(deck) {
    var s = current();
    if (!s || s.complete || !deck || !deck.complete) { return; }
    s.complete = true;
    s.n = deck.n;                                    // the deck file may have changed since the page came
    var maps = Object.assign({}, s.topojson || {}, deck.topojson || {});
    (function prefetch() {
      loadMaps(maps).then(function () { s.el.setAttribute('data-prefetched', 'true'); },
                          function () { if (state === s) { window.setTimeout(prefetch, REST_RETRY_MS[0]); } });
    }());
  }

  function shownKey(pos) { return [pos.slide, pos.lang, Boolean(pos.blank)].join(':'); }

  /* What a clientside render shows: null when a slide it needs has not come yet (shown when it comes), or when
     the rest of the deck has just come and what is on screen is already that position. */
  function renderable(pos, deck, withNext) {
    var ctx = dc.callback_context, triggered = (ctx && ctx.triggered) || [];
    var byDeck = triggered.length > 0 && triggered.every(function (t) {
      return t.prop_id.indexOf('present-deck.') === 0;
    });
    if (byDeck) { received(deck); }
    if (!pos || !deck) { return null; }
    var lang = pos.lang === 'ru' ? 'ru' : 'en';
    var index = Math.max(0, Math.min(deck.n - 1, pos.slide | 0));
    var slides = deck.slides[lang] || [];
    if (!slides[index] || (withNext && index + 1 < deck.n && !slides[index + 1])) { return null; }
    var s = current(), key = shownKey({slide: index, lang: lang, blank: pos.blank});
    // The rest came while this very position is on screen: only the first slide's table is missing.
    var same = byDeck && s && s.shown === key;
    if (same && s.tableFilled) { return null; }
    if (s) { s.shown = key; s.tableFilled = true; }
    return {lang: lang, index: index, slides: slides, tableOnly: same};
  }

  function openChannel() {
    if (channel) { channel.close(); channel = null; }
    if (!('BroadcastChannel' in window)) { return; }
    channel = new BroadcastChannel(state.channel);
    channel.onmessage = function (event) {
      var s = current();
      if (!s) { return; }
      if (event.data && event.data.hello) {   // a window just opened: tell it where we are
        if (s.mode === 'show') { channel.postMessage(position(s)); }
        return;
      }
      go(event.data, true);
    };
    if (state.mode === 'speaker') { channel.postMessage({hello: true}); }
  }

  function position(s) { return {slide: s.slide, lang: s.lang, blank: s.blank}; }

  /* Move to a position: the store update runs the clientside render; other windows of the deck follow. */
  function go(pos, fromOtherWindow) {
    var s = current();
    if (!s || !pos) { return; }
    s.slide = Math.max(0, Math.min(s.n - 1, pos.slide | 0));
    s.lang = pos.lang === 'ru' ? 'ru' : 'en';
    s.blank = Boolean(pos.blank);
    if (!s.complete && s.askRest) { s.askRest(); }   // moving before the first chart drew: the rest is needed now
    var store = s.mode === 'speaker' ? 'present-speaker-position' : 'present-position';
    window.dash_clientside.set_props(store, {data: position(s)});
    if (!fromOtherWindow && channel) { channel.postMessage(position(s)); }
  }

  function syncPage(index, lang, href) {
    var params = new URLSearchParams(window.location.search);
    params.set('slide', String(index + 1));
    params.set('lang', lang);
    // replaceState: Dash's router does not see it, so changing slide never asks the server for anything.
    window.history.replaceState(window.history.state, '', window.location.pathname + '?' + params.toString());
    document.documentElement.lang = lang;
    if (state) { state.href = href; }
  }

  function leave() {
    var s = current();
    if (!s) { return; }
    if (document.fullscreenElement) { document.exitFullscreen(); }
    // The same navigation as a dcc.Link: Dash's router renders the slide's view in the dashboard.
    window.history.pushState({}, '', s.href);
    window.dispatchEvent(new CustomEvent('_dashprivate_pushstate'));
  }

  function toggleFullscreen() {
    if (document.fullscreenElement) { document.exitFullscreen(); }
    else if (document.documentElement.requestFullscreen) { document.documentElement.requestFullscreen(); }
  }

  function toggleHelp() {
    var panel = document.querySelector('.present-help');
    if (panel) { panel.hidden = !panel.hidden; }
  }

  function openSpeaker() {
    var params = new URLSearchParams(window.location.search);
    params.set('view', 'speaker');
    window.open(window.location.pathname + '?' + params.toString(), 'present-speaker');
  }

  function showDigits() {
    var box = document.getElementById('present-jump');
    if (!box) {
      box = document.createElement('div');
      box.id = 'present-jump';
      box.className = 'present-jump';
      box.setAttribute('aria-live', 'assertive');
      document.body.appendChild(box);
    }
    box.textContent = digits ? fmt(state.jump[state.lang], {n: digits}) : '';
    box.hidden = !digits;
  }

  function act(action) {
    var s = current();
    if (!s) { return; }
    var pos = position(s);
    if (action === 'next') { pos.slide += 1; pos.blank = false; }
    else if (action === 'prev') { pos.slide -= 1; pos.blank = false; }
    else if (action === 'first') { pos.slide = 0; }
    else if (action === 'last') { pos.slide = s.n - 1; }
    else if (action === 'lang') { pos.lang = s.lang === 'en' ? 'ru' : 'en'; }
    else if (action === 'blank') { pos.blank = !s.blank; }
    else if (action === 'fullscreen') { toggleFullscreen(); return; }
    else if (action === 'help') { toggleHelp(); return; }
    else if (action === 'speaker') { openSpeaker(); return; }
    else if (action === 'exit') { leave(); return; }
    go(pos, false);
  }

  // Letters by physical key (event.code): L, F and B work with a Russian keyboard layout too.
  var BY_KEY = {ArrowRight: 'next', ArrowDown: 'next', PageDown: 'next', ' ': 'next', ArrowLeft: 'prev',
                ArrowUp: 'prev', PageUp: 'prev', Home: 'first', End: 'last', Escape: 'exit', '?': 'help',
                '.': 'blank'};
  var BY_CODE = {KeyF: 'fullscreen', KeyL: 'lang', KeyB: 'blank', KeyS: 'speaker', KeyH: 'help'};

  document.addEventListener('keydown', function (event) {
    var s = current();
    if (!s || s.mode === 'print' || event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName || '')) { return; }
    var digit = /^(Digit|Numpad)([0-9])$/.exec(event.code || '');
    if (digit) {
      digits = (digits + digit[2]).slice(-3);
      showDigits();
      event.preventDefault();
      return;
    }
    if ((event.key === 'Enter' || event.key === 'NumpadEnter') && digits) {
      go({slide: parseInt(digits, 10) - 1, lang: s.lang, blank: false}, false);
      digits = '';
      showDigits();
      event.preventDefault();
      return;
    }
    if (digits && (event.key === 'Escape' || event.key === 'Backspace')) {
      digits = '';
      showDigits();
      event.preventDefault();
      return;
    }
    var action = BY_KEY[event.key] || BY_CODE[event.code];
    if (!action) { return; }
    event.preventDefault();
    act(action);
  });

  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('.present-toolbar [data-action]');
    if (button) { act(button.getAttribute('data-action')); }
  });

  /* The 1920×1080 stage scaled to fit any 16:9 screen (and letterboxed on others): no scrolling, same layout. */
  function fit() {
    var scale = Math.min(window.innerWidth / STAGE_W, window.innerHeight / STAGE_H);
    document.documentElement.style.setProperty('--present-scale', String(scale));
  }
  window.addEventListener('resize', fit);
  fit();

  /* Dash renders the page after this script runs: pick the deck up (and open its channel) as soon as it appears. */
  /* Once the first chart has drawn a trace, ask for the rest of the deck. */
  new MutationObserver(function () {
    if (root() && (!state || state.el !== root())) { current(); }
    if (state && state.askRest && !state.asked && state.el.querySelector('.js-plotly-plot .trace')) { state.askRest(); }
  }).observe(document.documentElement, {childList: true, subtree: true});

  /* Timer on the speaker view: time since it opened. */
  window.setInterval(function () {
    var timer = document.querySelector('.present-speaker .present-timer');
    if (!timer) { return; }
    if (!timer.dataset.start) { timer.dataset.start = String(Date.now()); }
    var seconds = Math.floor((Date.now() - Number(timer.dataset.start)) / 1000);
    var mm = String(Math.floor(seconds / 60)).padStart(2, '0'), ss = String(seconds % 60).padStart(2, '0');
    timer.textContent = fmt(timer.getAttribute('data-label'), {time: mm + ':' + ss});
  }, 1000);

  /* For the PDF: true once every slide's chart is drawn (maps: once the base map is in). */
  window.presentPrintReady = function () {
    var page = document.querySelector('.present-print');
    if (!page || (document.fonts && document.fonts.status !== 'loaded')) { return false; }
    var expected = JSON.parse(page.getAttribute('data-present')).n;
    var plots = page.querySelectorAll('.js-plotly-plot');
    if (plots.length !== expected) { return false; }
    return Array.prototype.every.call(plots, function (plot) {
      if (!plot.querySelector('.main-svg')) { return false; }
      return !plot.querySelector('.geolayer .geo') || Boolean(plot.querySelector('.geolayer .geo path'));
    });
  };

  dc.present = {
    show: function (pos, deck) {
      var r = renderable(pos, deck, false);
      if (!r) { return new Array(13).fill(dc.no_update); }
      var slide = r.slides[r.index], labels = deck.labels[r.lang];
      if (r.tableOnly) {
        var only = new Array(13).fill(dc.no_update);
        only[7] = slide.table;
        return only;
      }
      syncPage(r.index, r.lang, slide.href);
      var announce = fmt(labels.announce, {n: r.index + 1, total: deck.n, title: slide.title}) + ' ' + slide.takeaway;
      return [slide.figure, deck.config[r.lang], slide.title, slide.takeaway, slide.takeaway_class,
              String(r.index + 1), slide.summary, slide.table, slide.qr, fmt(labels.qr_alt, {url: slide.short}),
              slide.short, announce, !pos.blank];
    },
    speaker: function (pos, deck) {
      var r = renderable(pos, deck, true);
      if (!r || r.tableOnly) { return new Array(7).fill(dc.no_update); }
      var slide = r.slides[r.index], next = r.slides[r.index + 1], labels = deck.labels[r.lang];
      syncPage(r.index, r.lang, slide.href);
      return [slide.title, slide.takeaway, String(r.index + 1), slide.notes || labels.notes_none,
              next ? next.title : labels.next_none, next ? next.figure : {data: [], layout: {}}, deck.config[r.lang]];
    }
  };
}());