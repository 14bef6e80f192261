"""The roadmap pictures, drawn by the product's chart module (kept for the selectors' import)."""

from sel_planner.charts import rollout_chart, trajectory_chart, trajectory_points

__all__ = ["rollout_chart", "trajectory_chart", "trajectory_points"]
