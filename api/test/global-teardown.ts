import { teardownTestServices } from '@callflow/deploy';

export default teardownTestServices;
