/* planwatch: the little the pages do in the browser, kept out of the HTML so that the
   Content-Security-Policy can refuse every inline script. */
(function () {
  "use strict";
  // A <select data-autosubmit> sends its form when changed (language, year); the form keeps
  // a submit button inside <noscript> for browsers without JavaScript.
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target && target.matches && target.matches("select[data-autosubmit]") && target.form) {
      target.form.submit();
    }
  });
})();
(function () {
  "use strict";
  // A checkbox [data-select-all] ticks or clears every [data-selectable] box of its form.
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (!target || !target.matches || !target.matches("input[data-select-all]") || !target.form) {
      return;
    }
    var boxes = target.form.querySelectorAll("input[data-selectable]");
    for (var i = 0; i < boxes.length; i++) {
      boxes[i].checked = target.checked;
    }
  });
})();
