{{/* The release's prefix for every object: "tutti" for a release named tutti, else "<release>-tutti". */}}
{{- define "tutti.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* One app's object name; call with (dict "root" $ "name" "gateway"). */}}
{{- define "tutti.appName" -}}
{{- printf "%s-%s" (include "tutti.fullname" .root) .name -}}
{{- end -}}

{{- define "tutti.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: tutti
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
{{ include "tutti.selectorLabels" . }}
{{- end -}}

{{- define "tutti.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* The app's values: its entry under `apps` over `defaults`. */}}
{{- define "tutti.app" -}}
{{- $app := mergeOverwrite (deepCopy .root.Values.defaults) (deepCopy (index .root.Values.apps .name)) -}}
{{- toYaml $app -}}
{{- end -}}

{{- define "tutti.image" -}}
{{- $image := .root.Values.image -}}
{{- $tag := $image.tag | default .root.Chart.AppVersion -}}
{{- if $image.registry -}}
{{- printf "%s/%s/%s:%s" (trimSuffix "/" $image.registry) $image.repository .name $tag -}}
{{- else -}}
{{- printf "%s/%s:%s" $image.repository .name $tag -}}
{{- end -}}
{{- end -}}

{{- define "tutti.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- .Values.serviceAccount.name | default (include "tutti.fullname" .) -}}
{{- else -}}
{{- .Values.serviceAccount.name | default "default" -}}
{{- end -}}
{{- end -}}

{{/*
What each app reads besides the common database-free settings: which apps seal secrets at rest,
know the public address, call the other services, or sign browsers in.
*/}}
{{- define "tutti.needs" -}}
connectors: [publicUrl, encryptionKey]
conversations: []
profiles: [conversationsUrl, attributionUrl]
attribution: [publicUrl, encryptionKey]
gateway: [publicUrl, serviceUrls, browserSignIn]
{{- end -}}
