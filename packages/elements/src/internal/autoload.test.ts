import '../test/setup.js';
import { expect } from '@open-wc/testing';
import { CONTRACT_VERSION } from '@cercle/client/contract';
import { autoload, load, widgets } from '../autoload.js';
import { STORE_CONTRACT_VERSION } from './stores.js';

const defined = (tag: string) => customElements.get(tag) !== undefined;

describe('dist/cercle.js autoloader', () => {
  it('keys the shared stores by the contract major version', () => {
    expect(STORE_CONTRACT_VERSION).to.equal(CONTRACT_VERSION);
  });

  it('defines nothing until a tag shows up, then only that widget', async () => {
    autoload();
    expect(Object.keys(widgets).filter(defined)).to.deep.equal([]);

    const promo = document.createElement('cercle-promo');
    const wrapper = document.createElement('div');
    wrapper.append(promo);
    document.body.append(wrapper);
    await customElements.whenDefined('cercle-promo');
    expect(promo).to.be.instanceOf(customElements.get('cercle-promo')!);
    expect(defined('cercle-qa')).to.equal(false);
    expect(defined('cercle-wall')).to.equal(false);
    wrapper.remove();
  });

  it('loads a tag on demand, once', async () => {
    const first = load('cercle-wall');
    expect(load('cercle-wall')).to.equal(first);
    await first;
    expect(defined('cercle-wall')).to.equal(true);
  });
});
