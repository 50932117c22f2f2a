import type { WidgetMap } from '../vue/context';
import EpText from './EpText.vue';
import EpMarkdown from './EpMarkdown.vue';
import EpNumber from './EpNumber.vue';
import EpSwitch from './EpSwitch.vue';
import EpChoice from './EpChoice.vue';
import EpCheckbox from './EpCheckbox.vue';
import EpDate from './EpDate.vue';
import EpColor from './EpColor.vue';
import EpRange from './EpRange.vue';
import EpTags from './EpTags.vue';
import EpUpload from './EpUpload.vue';
import EpGroup from './EpGroup.vue';
import EpButton from './EpButton.vue';
import './ep-form.css';

/**
 * Element Plus widgets for the studio's property panel. Element Plus's own CSS is the host's
 * (the studio loads it once for the whole app).
 */
export const widgets: WidgetMap = {
  controls: {
    input: EpText,
    textarea: EpText,
    phone: EpText,
    markdown: EpMarkdown,
    number: EpNumber,
    switch: EpSwitch,
    select: EpChoice,
    radio: EpChoice,
    icon: EpChoice,
    checkbox: EpCheckbox,
    date: EpDate,
    datetime: EpDate,
    time: EpDate,
    color: EpColor,
    slider: EpRange,
    rate: EpRange,
    tags: EpTags,
    'image-upload': EpUpload,
    'file-upload': EpUpload,
  },
  labelledBy: ['radio', 'checkbox', 'slider', 'rate'],
  group: EpGroup,
  button: EpButton,
};
