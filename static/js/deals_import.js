// The deals import (templates/performance/deals_import.html): a big file takes a while to upload,
// so the form marked [data-upload-progress] shows how far it has got in the <progress> it names,
// from htmx's upload progress events. Without JavaScript the form posts as any form does.
(function () {
  function bar(form) {
    var id = form && form.getAttribute && form.getAttribute("data-upload-progress");
    return id ? document.getElementById(id) : null;
  }
  document.addEventListener("htmx:xhr:progress", function (event) {
    var holder = bar(event.target);
    if (!holder || !event.detail.lengthComputable) return;
    holder.hidden = false;
    holder.querySelector("progress").value = Math.round((event.detail.loaded / event.detail.total) * 100);
  });
  // A refused file comes back as 400 with its problems listed: show it, as htmx does not swap
  // an error response by itself.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 400 && event.detail.target && event.detail.target.id === "deals-import") {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    var holder = bar(event.target);
    if (holder) holder.querySelector("progress").value = 0;
  });
})();
