// The host page's own script: a file, since the policy allows no inline script.
const form = document.querySelector('self-schedule-form');
document.querySelector('#book').addEventListener('click', () => void form.show());
