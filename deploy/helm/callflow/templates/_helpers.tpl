{{- define "callflow.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "callflow.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selector labels of one component: (list $ "api") */}}
{{- define "callflow.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ $root.Chart.Name }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{- define "callflow.image" -}}
{{- $root := index . 0 -}}
{{- $image := index $root.Values.image (index . 1) -}}
{{- printf "%s:%s" $image.repository (default $root.Chart.AppVersion $image.tag) -}}
{{- end -}}

{{- define "callflow.temporalAddress" -}}
{{- if .Values.config.temporalAddress -}}
{{- .Values.config.temporalAddress -}}
{{- else if .Values.temporal.enabled -}}
{{- printf "%s-temporal-frontend:7233" .Release.Name -}}
{{- else -}}
{{- fail "config.temporalAddress is required when temporal.enabled is false" -}}
{{- end -}}
{{- end -}}

{{/* Environment shared by the API, the workers and the jobs: secrets by reference, the rest from the ConfigMap. */}}
{{- define "callflow.env" -}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef: { name: {{ .Values.existingSecret }}, key: DATABASE_URL }
- name: TELNYX_API_KEY
  valueFrom:
    secretKeyRef: { name: {{ .Values.existingSecret }}, key: TELNYX_API_KEY }
- name: TELNYX_PUBLIC_KEY
  valueFrom:
    secretKeyRef: { name: {{ .Values.existingSecret }}, key: TELNYX_PUBLIC_KEY }
- name: INTERNAL_API_TOKEN
  valueFrom:
    secretKeyRef: { name: {{ .Values.existingSecret }}, key: INTERNAL_API_TOKEN }
- name: JWT_SECRET
  valueFrom:
    secretKeyRef: { name: {{ .Values.existingSecret }}, key: JWT_SECRET }
- name: REDIS_URL
  valueFrom:
    secretKeyRef: { name: {{ .Values.existingSecret }}, key: REDIS_URL, optional: true }
- name: SMTP_URL
  valueFrom:
    secretKeyRef: { name: {{ .Values.existingSecret }}, key: SMTP_URL, optional: true }
{{- end -}}

{{- define "callflow.podSecurity" -}}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
automountServiceAccountToken: false
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}
