// Opening hours: "Add hours" copies the blank last row. Without script the form still works:
// it always ends with one blank row, and saving gives another.
'use strict';
document.addEventListener('DOMContentLoaded', () => {
  for (const hours of document.querySelectorAll('.hours')) {
    const name = hours.dataset.name;
    const count = hours.querySelector(`input[name="${name}-rows"]`);
    const button = hours.querySelector('.hours-add');
    button.hidden = false;
    button.addEventListener('click', () => {
      const rows = hours.querySelectorAll('.hours-row');
      const row = rows[rows.length - 1].cloneNode(true);
      const index = Number(count.value);
      for (const input of row.querySelectorAll('input')) {
        input.name = input.name.replace(/-\d+-/, `-${index}-`);
        if (input.id) input.id = input.id.replace(/-\d+-/, `-${index}-`);
        if (input.type === 'checkbox') input.checked = false; else input.value = '';
      }
      button.before(row);
      count.value = String(index + 1);
      row.querySelector('input').focus();
    });
  }
});
