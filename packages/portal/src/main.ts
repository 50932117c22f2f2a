import { boot } from './boot';

void boot('#app');
