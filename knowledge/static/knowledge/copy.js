// Copy buttons of code blocks. The buttons stay hidden without JavaScript.
(function () {
  "use strict";

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = document.execCommand("copy");
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }

  // A shell session copies its commands, one a line, without prompts or output (knowledge.blocks.console_lines).
  function copiedText(code) {
    var commands = code.querySelectorAll(".console-command");
    if (!commands.length) {
      return code.textContent;
    }
    return Array.prototype.map.call(commands, function (command) {
      var line = command.cloneNode(true);
      line.querySelectorAll(".gp").forEach(function (prompt) { prompt.remove(); });
      return line.textContent;
    }).join("\n") + "\n";
  }

  document.querySelectorAll(".code-block .copy-code").forEach(function (button) {
    var label = button.textContent;
    button.hidden = false;
    button.setAttribute("aria-live", "polite");
    button.addEventListener("click", function () {
      var code = button.closest(".code-block").querySelector("pre code");
      copy(copiedText(code)).then(function () {
        button.textContent = button.dataset.copied;
        button.classList.add("copied");
        window.setTimeout(function () {
          button.textContent = label;
          button.classList.remove("copied");
        }, 2000);
      });
    });
  });
})();
