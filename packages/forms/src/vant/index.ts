import { lazyComponent } from '../vue/lazy';
import type { WidgetMap } from '../vue/context';
import VantText from './VantText.vue';
import VantNumber from './VantNumber.vue';
import VantSwitch from './VantSwitch.vue';
import VantCheckbox from './VantCheckbox.vue';
import VantChoice from './VantChoice.vue';
import VantTags from './VantTags.vue';
import VantButton from './VantButton.vue';
import './vant-form.css';

// Widgets most action forms never show load on first use, keeping a form's first paint small.
const VantRange = lazyComponent(() => import('./VantRange.vue'));
const VantUpload = lazyComponent(() => import('./VantUpload.vue'));

/** Vant widgets for the resident portal (phones, large tap targets, elder mode). */
export const widgets: WidgetMap = {
  controls: {
    input: VantText,
    textarea: VantText,
    markdown: VantText,
    phone: VantText,
    date: VantText,
    datetime: VantText,
    time: VantText,
    color: VantText,
    number: VantNumber,
    switch: VantSwitch,
    checkbox: VantCheckbox,
    select: VantChoice,
    radio: VantChoice,
    icon: VantChoice,
    rate: VantRange,
    slider: VantRange,
    tags: VantTags,
    'image-upload': VantUpload,
    'file-upload': VantUpload,
  },
  labelledBy: ['switch', 'checkbox', 'select', 'radio', 'icon', 'rate', 'slider'],
  button: VantButton,
};
