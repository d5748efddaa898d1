interface DemoCredentials {
  username: string;
  password: string;
}

/** The seeded password is random per database, so the server tells it (in demo mode only). */
export async function showCredentials(username: HTMLElement, password: HTMLElement): Promise<void> {
  try {
    const response = await fetch('/api/v1/dev/demo', { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const demo = (await response.json()) as DemoCredentials;
    username.textContent = demo.username;
    const code = document.createElement('code');
    code.textContent = demo.password;
    password.replaceChildren(code);
  } catch {
    password.textContent = 'see the server log';
  }
}
