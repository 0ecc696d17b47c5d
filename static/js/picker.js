// Searchable pickers (ntm_portal/pickers.py): the search box beside a <select data-picker-url>
// asks the API as the user types and fills the select with the matches (the first one chosen,
// so Enter filters by it). Without this script the search box is resolved by the server.
(function () {
  var DELAY = 250;

  function label(row) {
    var text = row.name || String(row.id);
    var detail = row.district_name || row.short_name;
    if (detail) text += " (" + detail + ")";
    if (row.code) text += " – " + row.code;
    return text;
  }

  function fill(select, rows) {
    var empty = select.options.length ? select.options[0].cloneNode(true) : null;
    select.innerHTML = "";
    if (empty) { empty.selected = false; select.appendChild(empty); }
    rows.forEach(function (row, index) {
      var option = new Option(label(row), row.id, false, index === 0);
      select.appendChild(option);
    });
  }

  function search(select, box, status) {
    var text = box.value.trim();
    if (text.length < 2) return;
    var url = new URL(select.getAttribute("data-picker-url"), window.location.href);
    url.searchParams.set("q", text);
    url.searchParams.set("page_size", "20");
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) {
        var rows = data.results || [];
        fill(select, rows);
        // With matches the select carries the choice; without, the server reads the box.
        if (rows.length) box.removeAttribute("name"); else box.setAttribute("name", box.getAttribute("data-name"));
        status.textContent = rows.length + " " + (select.getAttribute("data-picker-found") || "");
      })
      .catch(function () { /* the server still resolves the box when JavaScript cannot */ });
  }

  function enhance(select) {
    var box = document.getElementById(select.getAttribute("data-picker-search"));
    if (!box) return;
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    box.parentNode.appendChild(status);
    var timer = null;
    box.setAttribute("data-name", box.name);
    box.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { search(select, box, status); }, DELAY);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("select[data-picker-url]"), enhance);
  });
})();
