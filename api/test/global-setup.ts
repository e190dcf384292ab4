import { ensureTestServices } from '@callflow/deploy';

export default ensureTestServices;
