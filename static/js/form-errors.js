// After a failed submit, move focus to the error summary (templates/includes/_form_errors.html)
// so keyboard and screen-reader users land on the list of errors, each linking to its field.
// A static file: the Content-Security-Policy forbids inline script.
(function () {
  "use strict";
  var summary = document.querySelector(".form-errors[data-focus]");
  if (summary) {
    summary.focus();
  }
})();
