// crosscheck review app: small progressive enhancements (the pages work without it).
(function () {
  "use strict";
  function wireSelectAll(root) {
    root.querySelectorAll("input.select-all").forEach(function (box) {
      if (box.dataset.wired) { return; }
      box.dataset.wired = "1";
      box.addEventListener("change", function () {
        document.querySelectorAll('input[name="lead_id"][form="assign-form"]').forEach(function (cb) {
          cb.checked = box.checked;
        });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { wireSelectAll(document); });
  document.addEventListener("htmx:afterSwap", function (ev) { wireSelectAll(ev.target); });
  // confirm before a final status decision
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (form.classList && form.classList.contains("decision-form")) {
      var chosen = form.querySelector('input[name="status"]:checked');
      if (chosen && chosen.value !== "in_review" && !window.confirm("确认提交该判定？Record this decision?")) {
        ev.preventDefault();
      }
    }
  });
})();
