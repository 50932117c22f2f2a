import { defineAsyncComponent, type Component } from 'vue';
import BadgeNode from './primitives/BadgeNode.vue';
import BannerNode from './primitives/BannerNode.vue';
import ButtonNode from './primitives/ButtonNode.vue';
import CardNode from './primitives/CardNode.vue';
import DetailNode from './primitives/DetailNode.vue';
import EmptyNode from './primitives/EmptyNode.vue';
import EntryGridNode from './primitives/EntryGridNode.vue';
import GridNode from './primitives/GridNode.vue';
import HeadingNode from './primitives/HeadingNode.vue';
import ImageNode from './primitives/ImageNode.vue';
import InboxNode from './primitives/InboxNode.vue';
import ListNode from './primitives/ListNode.vue';
import MarkdownNode from './primitives/MarkdownNode.vue';
import NoticeBarNode from './primitives/NoticeBarNode.vue';
import SectionNode from './primitives/SectionNode.vue';
import StackNode from './primitives/StackNode.vue';
import TabsNode from './primitives/TabsNode.vue';
import TextNode from './primitives/TextNode.vue';
import PluginViewNode from './primitives/PluginViewNode';
import { PLUGIN_VIEW } from './installed';

// Rarely on a first page and comparatively heavy: loaded when a page first shows one.
const FormNode = defineAsyncComponent(() => import('./primitives/FormNode.vue'));
const TableNode = defineAsyncComponent(() => import('./primitives/TableNode.vue'));
const ChartNode = defineAsyncComponent(() => import('./primitives/ChartNode.vue'));
const CalendarNode = defineAsyncComponent(() => import('./primitives/CalendarNode.vue'));
const SlotPickerNode = defineAsyncComponent(() => import('./primitives/SlotPickerNode.vue'));
const PausesNode = defineAsyncComponent(() => import('./primitives/PausesNode.vue'));
// A figure waits for its query in any case; its code (periods, trends) need not be in the
// portal's first download.
const StatNode = defineAsyncComponent(() => import('./primitives/StatNode.vue'));
// Each on a page of its own (a vote, the convention, the living circle, a finished request),
// never on the home page.
const BallotNode = defineAsyncComponent(() => import('./primitives/BallotNode.vue'));
const ConsentNode = defineAsyncComponent(() => import('./primitives/ConsentNode.vue'));
const DirectoryNode = defineAsyncComponent(() => import('./primitives/DirectoryNode.vue'));
const RatingNode = defineAsyncComponent(() => import('./primitives/RatingNode.vue'));
const ResultsNode = defineAsyncComponent(() => import('./primitives/ResultsNode.vue'));
const StepsNode = defineAsyncComponent(() => import('./primitives/StepsNode.vue'));
// A balance waits for its figure in any case (我的, the points pages).
const PointsBalanceNode = defineAsyncComponent(() => import('./primitives/PointsBalanceNode.vue'));

/** One Vue component per primitive of the catalog (`primitiveCatalog` in @scene/schema). */
export const primitiveComponents: Readonly<Record<string, Component>> = Object.freeze({
  stack: StackNode,
  grid: GridNode,
  card: CardNode,
  tabs: TabsNode,
  section: SectionNode,
  heading: HeadingNode,
  text: TextNode,
  markdown: MarkdownNode,
  image: ImageNode,
  banner: BannerNode,
  'entry-grid': EntryGridNode,
  'notice-bar': NoticeBarNode,
  badge: BadgeNode,
  steps: StepsNode,
  empty: EmptyNode,
  list: ListNode,
  detail: DetailNode,
  table: TableNode,
  stat: StatNode,
  chart: ChartNode,
  results: ResultsNode,
  calendar: CalendarNode,
  directory: DirectoryNode,
  form: FormNode,
  button: ButtonNode,
  'slot-picker': SlotPickerNode,
  pauses: PausesNode,
  ballot: BallotNode,
  rating: RatingNode,
  consent: ConsentNode,
  'points-balance': PointsBalanceNode,
  inbox: InboxNode,
});

export function primitiveComponent(type: string): Component | undefined {
  if (type === PLUGIN_VIEW) return PluginViewNode;
  return Object.prototype.hasOwnProperty.call(primitiveComponents, type)
    ? primitiveComponents[type]
    : undefined;
}
