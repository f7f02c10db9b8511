// A "Print / save as PDF" button ([data-print]) on pages without charts (the statement).
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("[data-print]");
  if (button) window.print();
});
