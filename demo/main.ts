import { setBasePath } from '@shoelace-style/shoelace/dist/utilities/base-path.js';
import { mockTokenFor, startMockWorker } from '../mocks/index.js';

setBasePath('/node_modules/@shoelace-style/shoelace/dist');

// Sign in and start the mock API before the elements load, so their first requests succeed.
await startMockWorker('default');
document.querySelector('pat-api-provider')!.token = mockTokenFor('alice');
await import('../components/index.js');
document.querySelector('pat-user-menu')!.addEventListener('pat-navigate', () => (location.hash = '/pats'));
