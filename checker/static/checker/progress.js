// Follows a running check by polling its row through the JSON API, then
// reloads the page to show the result. Without JavaScript, a <noscript>
// refresh does the same.
(function () {
  "use strict";
  var root = document.getElementById("run");
  if (!root || root.dataset.state === "done" || root.dataset.state === "failed") {
    return;
  }
  var list = document.getElementById("progress-list");
  // The catalogue's language (portal.languages.catalog_language): the page's when it is English, else Japanese.
  var language = document.documentElement.lang.split("-")[0] === "en" ? "en" : "ja";
  var shown = list ? list.children.length : 0;
  var delay = 1000;

  // The API gives each event's sentence in both languages (checker.presenters.progress_text).
  function line(event) {
    return (event.text && event.text[language]) || "";
  }

  function failed(event) {
    return event.event === "server" && typeof event.answered === "number" && event.answered < event.queries;
  }

  function poll() {
    fetch(root.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (run) {
        // A finished run, or a state the page does not show yet (running, retrying): the page says it.
        if (run && (run.state === "done" || run.state === "failed" || run.state !== root.dataset.state ||
                    (run.retrying ? "1" : "0") !== root.dataset.retrying)) {
          window.location.reload();
          return;
        }
        if (run && list) {
          for (; shown < run.progress.length; shown++) {
            var item = document.createElement("li");
            item.textContent = line(run.progress[shown]);
            if (failed(run.progress[shown])) {
              item.className = "progress-failed";
            }
            list.appendChild(item);
          }
        }
        delay = Math.min(delay * 1.2, 3000);
        window.setTimeout(poll, delay);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, delay);
}());
