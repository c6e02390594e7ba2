import '../test/setup.js';
import { expect, fixtureCleanup, waitUntil } from '@open-wc/testing';
import type { Team } from '@cercle/client/admin';
import type { CercleConsole } from '../app.js';
import type { ConsoleConfirm } from '../ui/dialog.js';
import type { ConsoleCopy } from '../ui/copy.js';
import type { ConsoleAcceptScreen } from './accept.js';
import { consoleUrl, invitationLink, type ConsoleTeamScreen } from './team.js';
import {
  $,
  $$,
  announced,
  deepText,
  freshBackend,
  go,
  hostKey,
  mountConsole,
  OWNER_KEY,
  screenOf,
  typeInto,
  warmUp,
  type TestBackend,
} from '../test/backend.js';

let backend: TestBackend;

before(async function () {
  this.timeout(60_000);
  await warmUp();
});

beforeEach(async () => {
  backend = await freshBackend();
});

const team = async (): Promise<Team> =>
  (await backend.call('GET', '/v1/communities/maison-verte/host/team', OWNER_KEY)).body;

async function openTeam(): Promise<{ el: CercleConsole; screen: ConsoleTeamScreen }> {
  const el = await mountConsole(backend, { key: OWNER_KEY });
  const screen = (await go(el, '#/team')) as ConsoleTeamScreen;
  await waitUntil(() => screen.shadowRoot!.querySelector('#hosts'), 'no host list');
  return { el, screen };
}

async function confirm(screen: Element, id: string): Promise<void> {
  const dialog = $<ConsoleConfirm>(screen, id);
  await waitUntil(() => dialog.shadowRoot!.querySelector('dialog')!.open, 'no confirmation');
  $<HTMLButtonElement>(dialog, 'button.danger, button.primary').click();
}

/** Creates an invitation through the form; the link shown. */
async function inviteThroughForm(
  el: CercleConsole,
  screen: ConsoleTeamScreen,
  role: 'moderator' | 'analyst' | 'owner',
  name: string,
): Promise<string> {
  $<HTMLInputElement>(screen, `input[name=role][value=${role}]`).click();
  typeInto($<HTMLInputElement>(screen, '#invite-name'), name);
  typeInto($<HTMLInputElement>(screen, '#invite-email'), 'camille@example.com');
  typeInto($<HTMLInputElement>(screen, '#invite-expiresInHours'), '48');
  $<HTMLButtonElement>(screen, '#invite-form button[type=submit]').click();
  await announced(el, 'Invitation created');
  await screen.updateComplete;
  return $<ConsoleCopy>(screen, '#created cercle-console-copy').value;
}

describe('<cercle-console-team>', () => {
  it('builds invitation links with the token in the fragment', () => {
    const loc = { origin: 'https://c.example', pathname: '/console/index.html' } as Location;
    expect(consoleUrl(loc)).to.equal('https://c.example/console/');
    expect(invitationLink('mv', 'tok', 'https://c.example', loc)).to.equal(
      'https://c.example/console/#/accept?community=mv&token=tok',
    );
    expect(invitationLink('mv', 'tok', 'https://api.example', loc)).to.equal(
      'https://c.example/console/?api=https%3A%2F%2Fapi.example#/accept?community=mv&token=tok',
    );
  });

  it('lists the hosts and is accessible', async () => {
    const { screen } = await openTeam();
    expect(deepText($(screen, '#hosts'))).to.contain('you');
    await expect(screen).to.be.accessible();
  });

  it('invites a moderator; the link, opened in a fresh console, signs them in', async () => {
    const { el, screen } = await openTeam();
    const link = await inviteThroughForm(el, screen, 'moderator', 'Camille');
    expect(link).to.match(
      /\/console\/(\?api=[^#]+)?#\/accept\?community=maison-verte&token=[\w-]{20,}$/,
    );
    expect(deepText($(screen, '#invitations'))).to.contain('Camille');
    const pending = (await team()).invitations;
    expect(pending.map((i) => i.name)).to.include('Camille');
    // The link is shown once: after "Done" it is gone.
    $<HTMLButtonElement>(screen, '#created button').click();
    await screen.updateComplete;
    expect(screen.shadowRoot!.querySelector('#created')).to.equal(null);

    // A fresh console (another browser: no key) opens the link.
    fixtureCleanup();
    const hash = link.slice(link.indexOf('#'));
    const fresh = await mountConsole(backend, { hash });
    const accept = (await screenOf(fresh)) as ConsoleAcceptScreen;
    expect(accept.localName).to.equal('cercle-console-accept');
    await waitUntil(() => deepText(accept).includes('Maison Verte'), 'no community name');
    await expect(fresh).to.be.accessible();
    typeInto($<HTMLInputElement>(accept, '#name'), 'Camille Martin');
    $<HTMLButtonElement>(accept, 'button[type=submit]').click();
    await waitUntil(() => accept.shadowRoot!.querySelector('#h-key'), 'no key shown');
    const key = $<ConsoleCopy>(accept, 'cercle-console-copy').value;
    expect(key.length).to.be.greaterThan(20);
    expect(deepText(accept)).to.contain('shown only this once');
    await expect(accept).to.be.accessible();
    const go_ = $<HTMLButtonElement>(accept, '#continue');
    expect(go_.disabled).to.equal(true);
    $<HTMLInputElement>(accept, '#saved').click();
    await accept.updateComplete;
    go_.click();
    await waitUntil(() => fresh._phase === 'ready', 'never signed in');
    expect(fresh.session?.host.role).to.equal('moderator');
    expect(fresh.session?.host.name).to.equal('Camille Martin');
    expect(location.hash).not.to.contain('token');
    expect(sessionStorage.getItem('cercle-console:session')).to.contain(key);
    await fresh.updateComplete;
    expect($$(fresh, 'nav a').map((a) => deepText(a))).to.deep.equal([
      'Live sessions',
      'Testimonials',
      'Reports',
    ]);
    // The same link a second time: already used.
    fixtureCleanup();
    const again = await mountConsole(backend, { hash });
    const second = (await screenOf(again)) as ConsoleAcceptScreen;
    typeInto($<HTMLInputElement>(second, '#name'), 'Someone else');
    $<HTMLButtonElement>(second, 'button[type=submit]').click();
    await waitUntil(() => second.shadowRoot!.querySelector('#problem'), 'no problem shown');
    expect(deepText($(second, '#problem'))).to.contain('already used or has been revoked');
    expect($<HTMLInputElement>(second, '#name').value).to.equal('Someone else');
  });

  it('says an invitation expired (410)', async () => {
    const created = await backend.call(
      'POST',
      '/v1/communities/maison-verte/host/invitations',
      OWNER_KEY,
      { role: 'analyst', expiresInHours: 1 },
    );
    backend.advance(2 * 3600_000);
    const el = await mountConsole(backend, {
      hash: `#/accept?community=maison-verte&token=${created.body.token}`,
    });
    const accept = (await screenOf(el)) as ConsoleAcceptScreen;
    typeInto($<HTMLInputElement>(accept, '#name'), 'Late');
    $<HTMLButtonElement>(accept, 'button[type=submit]').click();
    await waitUntil(() => accept.shadowRoot!.querySelector('#problem'), 'no problem shown');
    expect(deepText($(accept, '#problem'))).to.contain('This invitation expired');
    await announced(el, 'expired');
  });

  it('says a link is incomplete, in French too', async () => {
    const el = await mountConsole(backend, {
      hash: '#/accept?community=maison-verte',
      locale: 'fr',
    });
    const accept = await screenOf(el);
    expect(deepText(accept)).to.contain('Ce lien d’invitation est incomplet');
  });

  it('changes a role and revokes a host after a confirmation', async () => {
    await hostKey(backend, 'analyst', 'Nora');
    const { el, screen } = await openTeam();
    const nora = (await team()).hosts.find((h) => h.name === 'Nora')!;
    const select = $<HTMLSelectElement>(screen, `#role-${nora.id}`);
    select.value = 'moderator';
    select.dispatchEvent(new Event('change'));
    $<HTMLButtonElement>(screen, `[data-host="${nora.id}"] button:not(.danger)`).click();
    await announced(el, 'Nora is now Moderator.');
    expect((await team()).hosts.find((h) => h.id === nora.id)?.role).to.equal('moderator');

    $<HTMLButtonElement>(screen, `[data-host="${nora.id}"] button.danger`).click();
    await confirm(screen, '#confirm-revoke');
    await announced(el, 'Nora was revoked.');
    expect((await team()).hosts.some((h) => h.id === nora.id)).to.equal(false);
  });

  it('shows the server’s refusal to remove the last owner', async () => {
    const { el, screen } = await openTeam();
    const me = el.session!.host;
    $<HTMLButtonElement>(screen, `[data-host="${me.id}"] button.danger`).click();
    await confirm(screen, '#confirm-revoke');
    await announced(el, 'keeps at least one owner');
    expect(el._phase).to.equal('ready');
    const select = $<HTMLSelectElement>(screen, `#role-${me.id}`);
    select.value = 'analyst';
    select.dispatchEvent(new Event('change'));
    $<HTMLButtonElement>(screen, `[data-host="${me.id}"] button:not(.danger)`).click();
    await waitUntil(() => backend.calls.some((c) => c.method === 'PATCH'), 'no PATCH sent');
    await waitUntil(() => screen._busy === undefined, 'still busy');
    expect((await team()).hosts.find((h) => h.id === me.id)?.role).to.equal('owner');
  });

  it('revokes a pending invitation', async () => {
    const { el, screen } = await openTeam();
    await inviteThroughForm(el, screen, 'analyst', 'Temporary');
    const inv = (await team()).invitations.find((i) => i.name === 'Temporary')!;
    $<HTMLButtonElement>(screen, `[data-invitation="${inv.id}"] button`).click();
    await announced(el, 'The invitation was revoked');
    expect((await team()).invitations.some((i) => i.id === inv.id)).to.equal(false);
  });

  it('keeps the invite form as typed when the server refuses it', async () => {
    const { el, screen } = await openTeam();
    typeInto($<HTMLInputElement>(screen, '#invite-name'), 'Bad Email');
    typeInto($<HTMLInputElement>(screen, '#invite-email'), 'not-an-email');
    $<HTMLButtonElement>(screen, '#invite-form button[type=submit]').click();
    await waitUntil(() => screen.shadowRoot!.querySelector('#err-email'), 'no email error');
    const email = $<HTMLInputElement>(screen, '#invite-email');
    expect(email.value).to.equal('not-an-email');
    expect(email.getAttribute('aria-describedby')).to.contain('err-email');
    expect($<HTMLInputElement>(screen, '#invite-name').value).to.equal('Bad Email');
    await announced(el, 'Some fields need attention');
    await expect(screen).to.be.accessible();
  });
});
