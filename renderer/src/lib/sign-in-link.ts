/**
 * A sign-in link (`/?token=…`) with a good token is redirected by the console to `/` with a cookie; one
 * with a wrong token is answered 401 with this page, so a page that still sees ?token= at load knows the
 * token was refused. main.tsx records that before it strips the token from the address bar.
 */
let rejected = false;

export function noteSignInLink(search: string): void {
  rejected = new URLSearchParams(search).has('token');
}

export const signInLinkRejected = (): boolean => rejected;
