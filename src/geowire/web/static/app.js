// geowire pages: small progressive enhancements; every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Filter forms: leave empty fields out of the URL.
  document.querySelectorAll("form.filters").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input, select").forEach(function (el) {
        if (!el.value) { el.disabled = true; }
      });
    });
  });
  // Document view: hovering an event's evidence outlines its actors and trigger in the article.
  var marks = Array.prototype.slice.call(document.querySelectorAll("a.mark[data-events]"));
  document.querySelectorAll("ol.evidence > li[id^='ev-']").forEach(function (li) {
    var id = li.id.slice(3);
    function set(on) {
      marks.forEach(function (m) {
        if (m.getAttribute("data-events").split(" ").indexOf(id) >= 0) { m.classList.toggle("active", on); }
      });
    }
    li.addEventListener("mouseenter", function () { set(true); });
    li.addEventListener("mouseleave", function () { set(false); });
  });
});
