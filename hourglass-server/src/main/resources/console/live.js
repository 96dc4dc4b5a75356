/*
 * The console's live parts in plain JavaScript (no build step; every page works without it):
 * - pauses a page's event stream (htmx's SSE extension, on the element with id "live") while the tab is hidden,
 *   and reopens it when the tab is shown again; the server then sends what changed meanwhile;
 * - draws the overview's attempts chart with uPlot from the chart's JSON, and redraws it at most every 10 s as
 *   the overview's live events arrive (the server shares one read among all consoles).
 */
(function () {
  'use strict';
  var source = null;
  var drawnAt = 0;
  var COLORS = {succeeded: '#067647', failed: '#b42318', infra_error: '#b54708', timed_out: '#7a5af8',
    cancelled: '#667085'};

  document.addEventListener('htmx:sseOpen', function (e) {
    source = e.detail.source;
    if (document.hidden) {
      source.close();
      source = null;
    }
  });

  document.addEventListener('visibilitychange', function () {
    var live = document.getElementById('live');
    if (!live) {
      return;
    }
    if (document.hidden) {
      if (source) {
        source.close();
        source = null;
      }
    } else if (!source) {
      var fresh = live.cloneNode(true); // a new element: htmx opens a new stream for it and its listeners
      live.replaceWith(fresh);
      htmx.process(fresh);
      drawChart();
    }
  });

  document.addEventListener('htmx:sseMessage', function (e) {
    if (e.detail && e.detail.type === 'overview-summary' && Date.now() - drawnAt > 10000) {
      drawChart();
    }
  });

  htmx.onLoad(function (elt) {
    if (elt.id === 'attempts-chart' || (elt.querySelector && elt.querySelector('#attempts-chart'))) {
      drawChart();
    }
  });

  function drawChart() {
    var box = document.getElementById('attempts-chart');
    if (!box || typeof uPlot === 'undefined') {
      return;
    }
    drawnAt = Date.now();
    fetch(box.dataset.src, {credentials: 'same-origin', headers: {Accept: 'application/json'}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) {
        if (!d || !document.body.contains(box)) {
          return;
        }
        var names = Object.keys(d.outcomes);
        var data = [d.times];
        var series = [{}];
        names.forEach(function (n) {
          data.push(d.outcomes[n]);
          series.push({label: n, stroke: COLORS[n] || '#3056d3', width: 2});
        });
        if (names.length === 0) {
          data.push(d.times.map(function () { return 0; }));
          series.push({label: 'attempts', stroke: '#98a2b3', width: 1});
        }
        var per = d.bucketSeconds === 60 ? 'minute' : (d.bucketSeconds / 60) + ' minutes';
        box.innerHTML = '';
        new uPlot({width: Math.max(box.clientWidth, 320), height: 220, scales: {x: {time: true}},
          series: series, axes: [{}, {label: 'attempts per ' + per}]}, data, box);
        box.setAttribute('data-drawn', String(d.times.length));
        var table = document.getElementById('attempts-table-box');
        if (table) {
          table.open = false;
        }
      });
  }
})();
