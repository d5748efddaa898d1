import type { MfaLoginCompleteDetail } from 'mfa-login/widget';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
// Types <mfa-login> in JSX: its attributes, and its events as React 19 listens to them.
import type {} from 'mfa-login/react';

const SERVER = 'http://localhost:3000';

function App() {
  const [signedIn, setSignedIn] = useState<MfaLoginCompleteDetail>();

  if (!signedIn) {
    // React 19 sets `server` as a property, `client-id` as an attribute, and listens to
    // `mfa-login-complete` through `onmfa-login-complete`.
    return <mfa-login server={SERVER} client-id="shop" onmfa-login-complete={(event) => setSignedIn(event.detail)} />;
  }
  // The claims are decoded, not verified: the app's server verifies the id_token before trusting it.
  const { claims, idToken } = signedIn;
  return (
    <section>
      <h1>Signed in</h1>
      <p>
        Welcome, <span id="who">{String(claims.name ?? claims.preferred_username ?? claims.sub)}</span>.
      </p>
      <p>The id_token (send it to your server and verify it there against the JWKS):</p>
      <pre id="id-token">{idToken}</pre>
    </section>
  );
}

createRoot(document.getElementById('app')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
