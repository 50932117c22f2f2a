import { createApp } from 'vue';
import App from './App.vue';

createApp(App, { pathname: window.location.pathname }).mount('#app');
