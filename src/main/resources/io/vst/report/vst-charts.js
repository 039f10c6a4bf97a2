/*
 * vst report charts: draws the figures embedded in the page (script#vst-chart-data) with uPlot.
 * Time charts share one time axis (zoom one, all follow) and one cursor; steps are shaded and
 * checkpoints marked. Hover values carry their units. No network, no other file.
 */
(function () {
  'use strict';

  var model = JSON.parse(document.getElementById('vst-chart-data').textContent);
  var root = document.getElementById('vst-charts');
  var DASH = [null, [8, 5], [2, 4], [10, 4, 2, 4]];
  var BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  var timeCharts = [];
  var allCharts = [];
  var end = 0;

  function grouped(v, decimals) {
    var fixed = Math.abs(v).toFixed(decimals).split('.');
    var whole = fixed[0].replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return (v < 0 ? '-' : '') + whole + (fixed.length > 1 ? '.' + fixed[1] : '');
  }

  function byteUnit(maxAbs) {
    var i = 0;
    while (maxAbs >= 1024 && i < BYTE_UNITS.length - 1) {
      maxAbs /= 1024;
      i++;
    }
    return i;
  }

  function bytes(v) {
    var i = byteUnit(Math.abs(v));
    var scaled = v / Math.pow(1024, i);
    return (i === 0 ? scaled.toFixed(0) : scaled.toFixed(2)) + ' ' + BYTE_UNITS[i];
  }

  /** Hover formats per unit: what a performance engineer reads without converting. */
  var FORMAT = {
    'bytes': bytes,
    'ms': function (v) { return v.toFixed(3) + ' ms'; },
    'ops/s': function (v) { return grouped(v, 0) + ' ops/s'; },
    'recall': function (v) { return v.toFixed(4); },
    'count': function (v) { return grouped(v, 0); },
    'ratio': function (v) { return v.toFixed(2); }
  };

  function elapsed(s) {
    if (Math.abs(s) < 60) {
      return String(Number(s.toFixed(2))) + ' s';
    }
    var r = Math.round(Math.abs(s));
    var sign = s < 0 ? '-' : '';
    var mm = String(Math.floor(r / 60) % 60);
    var ss = String(r % 60).padStart(2, '0');
    if (r >= 3600) {
      return sign + Math.floor(r / 3600) + ':' + mm.padStart(2, '0') + ':' + ss;
    }
    return sign + mm + ':' + ss;
  }

  function percentile(inverseTail) {
    if (inverseTail <= 1) {
      return '0%';
    }
    var p = 100 * (1 - 1 / inverseTail);
    var decimals = Math.max(0, Math.round(Math.log10(inverseTail)) - 2);
    return p.toFixed(decimals) + '%';
  }

  function stepAt(t) {
    for (var i = model.steps.length - 1; i >= 0; i--) {
      var s = model.steps[i];
      if (!s.checkpoint && t >= s.start && t <= s.end) {
        return s.name;
      }
    }
    return '';
  }

  /**
   * Axis labels of a bytes axis, all in one unit: the largest in which the tick step is a whole number
   * (ticks step by 1, 2, 5... of B, KiB, MiB, GiB), so every label is exact.
   */
  function byteTicks(u, splits) {
    var step = splits.length > 1 ? Math.abs(splits[1] - splits[0]) : Math.abs(splits[0] || 0);
    var i = byteUnit(step);
    var div = Math.pow(1024, i);
    return splits.map(function (v) { return grouped(v / div, Number.isInteger(v / div) ? 0 : 2) + ' ' + BYTE_UNITS[i]; });
  }

  /** Tick steps of a bytes axis: 1, 2, 5, 10, 20, 50, 100, 200, 500 of B, KiB, MiB, GiB and TiB. */
  var BYTE_INCRS = [];
  for (var k = 0; k < BYTE_UNITS.length; k++) {
    [1, 2, 5, 10, 20, 50, 100, 200, 500].forEach(function (m) { BYTE_INCRS.push(m * Math.pow(1024, k)); });
  }

  function valueTicks(unit) {
    if (unit === 'bytes') {
      return byteTicks;
    }
    return function (u, splits) {
      return splits.map(function (v) {
        return unit === 'count' || unit === 'ops/s' ? grouped(v, 0) : String(Number(v.toFixed(4)));
      });
    };
  }

  /** One table per series ([x, y]), joined on x: a series keeps every point it has. */
  function chartData(chart) {
    var tables = chart.series.map(function (s) {
      if (s.x) {
        return [s.x, s.y];
      }
      var run = model.runs[s.run];
      var col = run.cols[s.column];
      return [run.t, col.map(function (v) { return v == null ? null : v / s.div; })];
    });
    return tables.length === 0 ? [[]] : uPlot.join(tables);
  }

  /** Zooms every time chart to [min, max]; the setScale hook keeps them together afterwards. */
  function zoomAll(min, max) {
    timeCharts.forEach(function (u) { u.setScale('x', {min: min, max: max}); });
  }

  function follow(u, key) {
    if (key !== 'x' || timeCharts.indexOf(u) < 0) {
      return;
    }
    var min = u.scales.x.min;
    var max = u.scales.x.max;
    timeCharts.forEach(function (o) {
      if (o !== u && (o.scales.x.min !== min || o.scales.x.max !== max)) {
        o.setScale('x', {min: min, max: max});
      }
    });
  }

  function shadeSteps(u) {
    var ctx = u.ctx;
    var b = u.bbox;
    var px = uPlot.pxRatio;
    ctx.save();
    ctx.beginPath();
    ctx.rect(b.left, b.top, b.width, b.height);
    ctx.clip();
    ctx.font = (11 * px) + 'px system-ui, sans-serif';
    ctx.textBaseline = 'top';
    var shade = 0;
    model.steps.forEach(function (s) {
      if (s.checkpoint) {
        return;
      }
      var x0 = u.valToPos(s.start, 'x', true);
      var x1 = u.valToPos(Math.max(s.start, s.end), 'x', true);
      ctx.fillStyle = shade++ % 2 === 0 ? 'rgba(31,119,180,0.07)' : 'rgba(127,127,127,0.12)';
      ctx.fillRect(x0, b.top, Math.max(px, x1 - x0), b.height);
      if (x1 - x0 > ctx.measureText(s.name).width + 6 * px) {
        ctx.fillStyle = '#555';
        ctx.fillText(s.name, x0 + 3 * px, b.top + 3 * px);
      }
    });
    ctx.restore();
  }

  function markCheckpoints(u) {
    var ctx = u.ctx;
    var b = u.bbox;
    var px = uPlot.pxRatio;
    ctx.save();
    ctx.strokeStyle = '#444';
    ctx.fillStyle = '#444';
    ctx.setLineDash([4 * px, 3 * px]);
    ctx.font = (11 * px) + 'px system-ui, sans-serif';
    ctx.textBaseline = 'bottom';
    model.checkpoints.forEach(function (c) {
      var x = u.valToPos(c.t, 'x', true);
      if (x < b.left || x > b.left + b.width) {
        return;
      }
      ctx.beginPath();
      ctx.moveTo(x, b.top);
      ctx.lineTo(x, b.top + b.height);
      ctx.stroke();
      var label = '\u25c6 ' + c.name;
      var w = ctx.measureText(label).width;
      ctx.fillText(label, x + 3 * px + w > b.left + b.width ? x - w - 3 * px : x + 3 * px, b.top + b.height - 3 * px);
    });
    ctx.restore();
  }

  /** Shift+drag pans the time axis; Ctrl+wheel (or a pinch) zooms it around the pointer. */
  function panAndWheel(u) {
    u.over.addEventListener('mousedown', function (e) {
      if (!e.shiftKey || e.button !== 0) {
        return;
      }
      e.preventDefault();
      e.stopImmediatePropagation();
      var x0 = e.clientX;
      var min = u.scales.x.min;
      var max = u.scales.x.max;
      var width = u.over.getBoundingClientRect().width;
      function move(ev) {
        var dx = (ev.clientX - x0) / width * (max - min);
        zoomAll(min - dx, max - dx);
      }
      function up() {
        document.removeEventListener('mousemove', move);
        document.removeEventListener('mouseup', up);
      }
      document.addEventListener('mousemove', move);
      document.addEventListener('mouseup', up);
    }, true);
    u.over.addEventListener('wheel', function (e) {
      if (!e.ctrlKey && !e.metaKey) {
        return;
      }
      e.preventDefault();
      var rect = u.over.getBoundingClientRect();
      var at = u.posToVal(e.clientX - rect.left, 'x');
      var factor = e.deltaY < 0 ? 0.8 : 1.25;
      var min = at - (at - u.scales.x.min) * factor;
      var max = at + (u.scales.x.max - at) * factor;
      zoomAll(Math.max(min, -end * 0.01), Math.min(max, end * 1.01));
    }, {passive: false});
  }

  function options(chart, width) {
    var time = chart.kind === 'time';
    var format = FORMAT[chart.unit] || function (v) { return String(v); };
    var series = [{
      label: time ? 'elapsed' : 'percentile',
      value: function (u, v) {
        if (v == null) {
          return '\u2014';
        }
        if (!time) {
          return percentile(v);
        }
        var step = stepAt(v);
        return elapsed(v) + (step ? ' (' + step + ')' : '');
      }
    }];
    chart.series.forEach(function (s) {
      series.push({
        label: s.label,
        stroke: s.color,
        width: 1.5,
        dash: DASH[s.run % DASH.length] || undefined,
        spanGaps: true,
        points: {show: chart.points || undefined, size: 6},
        value: function (u, v) { return v == null ? '\u2014' : format(v); }
      });
    });
    var cursor = {
      drag: {x: true, y: false, setScale: true},
      bind: {
        dblclick: function (u) {
          return function () {
            if (time) {
              zoomAll(0, end);
            } else {
              u.setScale('x', {min: u.data[0][0], max: u.data[0][u.data[0].length - 1]});
            }
            return null;
          };
        }
      }
    };
    if (time) {
      cursor.sync = {key: 'vst-time', setSeries: false};
    }
    var y = {auto: true};
    if (chart.yMax != null) {
      y = {auto: false, range: [0, chart.yMax]};
    }
    return {
      width: width,
      height: 300,
      series: series,
      cursor: cursor,
      scales: {x: time ? {time: false} : {time: false, distr: 3, log: 10}, y: y},
      axes: [
        {label: time ? 'elapsed since the run started' : 'percentile',
          values: time ? function (u, splits) { return splits.map(elapsed); }
            : function (u, splits) {
              return splits.map(function (v) {
                var l = Math.log10(v);
                return Math.abs(l - Math.round(l)) < 1e-9 ? percentile(v) : '';
              });
            }},
        {label: chart.yLabel, values: valueTicks(chart.unit), size: 80,
          incrs: chart.unit === 'bytes' ? BYTE_INCRS : undefined}
      ],
      hooks: {
        drawClear: time ? [shadeSteps] : [],
        draw: time ? [markCheckpoints] : [],
        setScale: [follow],
        ready: time ? [panAndWheel] : []
      }
    };
  }

  function draw() {
    model.steps.forEach(function (s) { end = Math.max(end, s.end); });
    model.runs.forEach(function (r) {
      if (r.t.length > 0) {
        end = Math.max(end, r.t[r.t.length - 1]);
      }
    });
    var width = Math.max(400, root.clientWidth || 1000);
    model.charts.forEach(function (chart) {
      var box = document.createElement('section');
      box.className = 'vst-chart';
      box.id = 'chart-' + chart.id;
      var h = document.createElement('h3');
      h.textContent = chart.title;
      var p = document.createElement('p');
      p.className = 'note';
      p.textContent = chart.description;
      box.appendChild(h);
      box.appendChild(p);
      root.appendChild(box);
      var u = new uPlot(options(chart, width), chartData(chart), box);
      u.vstId = chart.id;
      u.vstKind = chart.kind;
      u.vstChart = chart;
      allCharts.push(u);
      if (chart.kind === 'time') {
        timeCharts.push(u);
      }
    });
    if (end > 0) {
      zoomAll(0, end);
    }
    window.addEventListener('resize', function () {
      var w = Math.max(400, root.clientWidth || 1000);
      allCharts.forEach(function (u) { u.setSize({width: w, height: 300}); });
    });
    var reset = document.getElementById('vst-reset-zoom');
    if (reset) {
      reset.addEventListener('click', function () { zoomAll(0, end); });
    }
  }

  /** Test hooks: zoom the time axis, and read back every chart's points and time scale. */
  window.__vstZoom = function (min, max, index) {
    var u = timeCharts[index || 0];
    if (u) {
      u.setScale('x', {min: min, max: max});
    }
  };
  window.__vstCharts = function () {
    return allCharts.map(function (u) {
      return {
        id: u.vstId,
        kind: u.vstKind,
        min: u.scales.x.min,
        max: u.scales.x.max,
        unit: u.vstChart.unit,
        rows: u.data[0].length,
        legend: Array.prototype.map.call(u.root.querySelectorAll('.u-legend .u-value'),
          function (e) { return e.textContent; }),
        series: u.series.slice(1).map(function (s, i) {
          return {label: s.label, column: u.vstChart.series[i].column || null, run: u.vstChart.series[i].run,
            show: s.show,
            points: u.data[i + 1].filter(function (v) { return v != null; }).length};
        })
      };
    });
  };

  draw();
}());
