/* Binds the admin export page's "Select all" toggle, which django-import-export wires with an
 * inline onchange attribute that the Content-Security-Policy refuses to run. */
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector("#select-all-toggle");
  if (!toggle) return;
  toggle.addEventListener("change", () => {
    document.querySelectorAll('.selectable-field-export-row input[type="checkbox"]').forEach((checkbox) => {
      checkbox.checked = toggle.checked;
    });
  });
});
