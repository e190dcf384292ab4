# Renders a Helm chart offline with Helm's Go SDK (helm-python-sdk, through ctypes: no helm binary, no cluster) and
# lints it; prints {"manifests": {template: yaml}, "lint": report} as JSON.
# Usage: render-chart.py <chart dir> <values JSON> <release> <namespace> <kubernetes version>
import json
import sys

import helm_python as helm

chart_dir, values_json, release, namespace, kube_version = sys.argv[1:6]
values = json.loads(values_json)
manifests = helm.Chart.load(chart_dir).render(values, name=release, namespace=namespace, is_install=True)
report = helm.lint(chart_dir, values, strict=True, namespace=namespace, kube_version=kube_version)
print(json.dumps({"manifests": manifests, "lint": report}))
