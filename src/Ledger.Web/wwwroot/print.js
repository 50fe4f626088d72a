// A "Cetak" (print) button is <button type="button" data-print>: the page's policy forbids inline handlers, and one
// listener on the document keeps working across enhanced navigation.
document.addEventListener("click", (event) => {
  if (event.target instanceof Element && event.target.closest("[data-print]")) {
    window.print();
  }
});
