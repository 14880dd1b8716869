"""Union work the seeds report that the other apps do not hold: publicity and political
education, 职工之家 / 职工书屋, care for model workers, dues collection against the target,
safety inspections and innovation results."""
