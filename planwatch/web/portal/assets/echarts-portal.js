/* The ECharts of the public portal: only the charts and parts its pages draw (line, bar,
   scatter, the projection band; grid, tooltip, legend, target line, aria; canvas), bundled at
   setup by ./dev.sh with esbuild into static/vendor/echarts/echarts.portal.min.js — about half
   of the full build, so a public page stays under 1 MB. Same global `echarts` as the full one. */
import * as echarts from "echarts/core";
import { BarChart, CustomChart, LineChart, ScatterChart } from "echarts/charts";
import {
  AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent
} from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([
  LineChart, BarChart, ScatterChart, CustomChart,
  GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, AriaComponent,
  CanvasRenderer
]);
window.echarts = echarts;
