// The supervisor dashboard (督办): its charts, its 全选本页 boxes and the city picker. No inline script under the CSP:
// the charts' data comes in each canvas's data-chart attribute (the page's tables hold the same figures).
(function () {
  'use strict';

  // 全选本页: the row checkboxes belong to the bulk form through their form attribute, so form.elements finds them.
  document.addEventListener('change', function (event) {
    var box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.hasAttribute('data-select-all')) {
      return;
    }

    var form = document.getElementById(box.getAttribute('data-select-all'));
    if (!form) {
      return;
    }

    Array.prototype.forEach.call(form.elements, function (element) {
      if (element instanceof HTMLInputElement && element.type === 'checkbox' && element.name === 'selected') {
        element.checked = box.checked;
      }
    });
  });

  // The city picker shows the chosen city at once (its button stays for keyboards and for no script).
  document.addEventListener('change', function (event) {
    var select = event.target;
    if (select instanceof HTMLSelectElement && select.hasAttribute('data-autosubmit') && select.form) {
      select.form.requestSubmit();
    }
  });

  var palette = ['#0d6efd', '#6c757d', '#dc3545'];

  function draw(canvas) {
    var spec = JSON.parse(canvas.getAttribute('data-chart'));
    // Steps are named "procedure / step": laid out as rows (bars to the right) with each name on two lines, they never
    // overlap however many there are; the box grows with the rows.
    var horizontal = spec.horizontal === true;
    if (horizontal && canvas.parentElement) {
      canvas.parentElement.style.height = Math.max(240, spec.labels.length * 44 + 70) + 'px';
    }
    var datasets = spec.series.map(function (series, i) {
      var target = series.kind === 'target';
      return {
        type: target ? 'line' : 'bar',
        label: series.label,
        data: series.data,
        backgroundColor: target ? palette[2] : palette[i % 2],
        borderColor: target ? palette[2] : palette[i % 2],
        showLine: false,
        pointStyle: target ? 'line' : undefined,
        pointRadius: target ? 14 : undefined,
        pointBorderWidth: target ? 3 : undefined,
        pointRotation: target && horizontal ? 90 : undefined,
        order: target ? 0 : 1,
      };
    });
    // eslint-disable-next-line no-new
    new Chart(canvas, {
      type: 'bar',
      data: { labels: spec.labels, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        indexAxis: horizontal ? 'y' : 'x',
        scales: horizontal
          ? { x: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: spec.yTitle } }, y: { ticks: { autoSkip: false } } }
          : { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: spec.yTitle } }, x: { ticks: { autoSkip: true, maxRotation: 45 } } },
        plugins: { legend: { display: datasets.length > 1 } },
      },
    });
  }

  if (typeof Chart !== 'undefined') {
    document.querySelectorAll('canvas[data-chart]').forEach(draw);
  }
})();
