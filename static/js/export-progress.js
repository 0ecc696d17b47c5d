/* "My exports": poll the JSON status of each running job and update its row (no inline script,
   CSP-safe). Without JavaScript the page still shows the state at load; reloading updates it. */
(function () {
  "use strict";
  var INTERVAL_MS = 2000;

  function update(row, data) {
    var status = row.querySelector(".export-status");
    var bar = row.querySelector(".export-progress");
    var count = row.querySelector(".export-count");
    var link = row.querySelector(".export-download");
    if (status && status.textContent !== data.status_label) status.textContent = data.status_label;
    if (bar) { bar.value = data.progress; bar.textContent = data.progress + "%"; }
    if (count && data.total) count.textContent = data.done + "/" + data.total;
    if (data.error && !row.querySelector(".export-error")) {
      var error = document.createElement("p");
      error.className = "export-error";
      error.textContent = data.error;
      status.parentNode.appendChild(error);
    }
    if (link && data.download_url) { link.href = data.download_url; link.hidden = false; }
    return data.status === "queued" || data.status === "running";
  }

  function poll(row) {
    var url = row.getAttribute("data-status-url");
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && update(row, data)) window.setTimeout(function () { poll(row); }, INTERVAL_MS);
      })
      .catch(function () { window.setTimeout(function () { poll(row); }, INTERVAL_MS * 5); });
  }

  document.querySelectorAll("tr.export-job[data-status-url]").forEach(function (row) {
    window.setTimeout(function () { poll(row); }, INTERVAL_MS);
  });
})();
