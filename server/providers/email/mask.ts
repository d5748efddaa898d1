/** `a•••@example.com`: the domain helps support, the first letter helps the user recognise it. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${Array.from(address)[0]}•••${address.slice(at)}`;
}
