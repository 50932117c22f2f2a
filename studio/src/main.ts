import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { areas } from './areas';
import { createStudioI18n } from './i18n';
import { createStudioRouter } from './router';

const pinia = createPinia();
const app = createApp(App);
app.use(pinia);
app.use(createStudioI18n());
app.use(createStudioRouter(areas, pinia));
app.mount('#app');
