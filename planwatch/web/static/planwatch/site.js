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
