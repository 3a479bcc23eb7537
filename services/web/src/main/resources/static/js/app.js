/*
 * Ticketing: the little the pages do in the browser, on top of htmx. Everything works without it; with it, the
 * reservation countdown ticks (and turns into "expired" on time, asking the page for the order's new state) and
 * times show in the reader's own time zone. Served from the origin; no inline scripts (the CSP forbids them).
 */
(function () {
  'use strict';

  var counters = [];

  function pad(n) {
    return n < 10 ? '0' + n : String(n);
  }

  /** Minutes and seconds left, rounded up: 14:59 right after reserving a 15 minute hold, like the server writes it. */
  function format(millis) {
    var seconds = Math.ceil(millis / 1000);
    return pad(Math.floor(seconds / 60)) + ':' + pad(seconds % 60);
  }

  /**
   * Counts down from the milliseconds the server measured when it rendered the element, on this browser's monotonic
   * clock: a wrong clock on the reader's computer cannot move the deadline.
   */
  function startCountdowns(root) {
    var found = root.querySelectorAll ? root.querySelectorAll('[data-countdown-ms]') : [];
    var own = root.matches && root.matches('[data-countdown-ms]') ? [root] : [];
    own.concat(Array.prototype.slice.call(found)).forEach(function (element) {
      if (element.ticketingDeadline === undefined) {
        element.ticketingDeadline = performance.now() + Number(element.getAttribute('data-countdown-ms'));
        counters.push(element);
      }
    });
    tick();
  }

  function tick() {
    var now = performance.now();
    counters = counters.filter(function (element) { return element.isConnected; });
    counters.forEach(function (element) {
      var left = element.ticketingDeadline - now;
      if (left > 0) {
        var text = format(left);
        if (element.textContent !== text) {
          element.textContent = text;
        }
      } else if (element.textContent !== 'expired') {
        element.textContent = 'expired';
        element.classList.add('is-expired');
        // the order page asks for the order's state at once instead of at its next poll
        document.body.dispatchEvent(new CustomEvent('countdown-ended'));
      }
    });
  }

  /** <time datetime="..." data-format="time|datetime">: the UTC text the server wrote, in local time. */
  function localizeTimes(root) {
    var found = root.querySelectorAll ? root.querySelectorAll('time[data-format]') : [];
    Array.prototype.forEach.call(found, function (element) {
      var at = new Date(element.getAttribute('datetime'));
      if (isNaN(at.getTime())) {
        return;
      }
      element.textContent = element.getAttribute('data-format') === 'time'
        ? at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })
        : at.toLocaleString([], { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
      element.title = element.getAttribute('datetime');
    });
  }

  function enhance(root) {
    startCountdowns(root);
    localizeTimes(root);
  }

  document.addEventListener('DOMContentLoaded', function () {
    enhance(document);
    setInterval(tick, 250);
  });
  // content htmx swapped in (live updates): the same enhancements
  document.addEventListener('htmx:load', function (event) {
    enhance(event.detail.elt);
  });
}());
