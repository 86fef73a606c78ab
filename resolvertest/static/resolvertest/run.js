// The resolver test's run: asks the portal for a run's test names, fetches them all at once with a time
// limit, reports which loaded, then opens the result's permanent page. Texts come from the page
// (data-*-text, translated on the server), so this file holds none.
(function () {
  "use strict";
  var form = document.getElementById("resolver-test");
  var button = document.getElementById("resolver-test-button");
  var status = document.getElementById("resolver-test-status");
  if (!form || !button || !window.fetch || !window.AbortController) {
    return;
  }
  var timeout = parseInt(form.dataset.timeout, 10);
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  button.hidden = false;

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, Accept: "application/json" },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) {
          throw { serverMessage: data.message };
        }
        return data;
      });
    });
  }

  // Loaded only if our own server answered (the pixel's CORS header): a resolver that answers a
  // refused name with an address of its own, or a time-out, is a failure.
  function load(name) {
    var controller = new AbortController();
    var timer = window.setTimeout(function () { controller.abort(); }, timeout);
    return fetch(name.url, { mode: "cors", credentials: "omit", cache: "no-store", signal: controller.signal })
      .then(function (response) { return response.ok ? "loaded" : "failed"; })
      .catch(function () { return "failed"; })
      .then(function (outcome) {
        window.clearTimeout(timer);
        return [name.token, outcome];
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.disabled = true;
    status.textContent = form.dataset.runningText;
    post(form.action, {})
      .then(function (run) {
        return Promise.all(run.names.map(load)).then(function (outcomes) {
          var fetches = {};
          outcomes.forEach(function (pair) { fetches[pair[0]] = pair[1]; });
          status.textContent = form.dataset.reportingText;
          return post(run.report_url, { fetches: fetches });
        });
      })
      .then(function (done) { window.location.assign(done.result_url); })
      .catch(function (error) {
        // The portal's own (translated) reason, or ours for a network error (the browser's text is not translated).
        status.textContent = (error && error.serverMessage) || form.dataset.failedText;
        status.className = "form-errors";
        button.disabled = false;
      });
  });
})();
