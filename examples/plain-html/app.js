// The element hands the page a signed id_token when the sign-in is complete. Its claims are
// decoded for convenience only: the page's server verifies the token before trusting it.
const login = document.querySelector('mfa-login');

login.addEventListener('mfa-login-complete', (event) => {
  const { idToken, claims } = event.detail;
  document.querySelector('#who').textContent = claims.name ?? claims.preferred_username ?? claims.sub;
  document.querySelector('#id-token').textContent = idToken;
  document.querySelector('#signed-in').hidden = false;
  login.hidden = true;
});

login.addEventListener('mfa-login-error', (event) => {
  console.warn('mfa-login:', event.detail.error, event.detail.message);
});
